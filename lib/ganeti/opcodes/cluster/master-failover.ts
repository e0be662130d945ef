// OP_CLUSTER_MASTER_FAILOVER (Gantry; gnt-cluster master-failover --target NODE): moves the master role to an
// online master candidate. Ganeti does this outside the job queue by restarting daemons on the new master; an
// embedded virtual cluster has one master daemon on this host, which keeps running and serving the cluster.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Node } from "../../objects/types";
import { checkNodeOnline, nodeNameParam, requireNode } from "../common";
import { defineOpcode, opParams } from "../definition";
import { distributeConfig } from "./distribute";

const params = opParams({ target_node: nodeNameParam });

export const clusterMasterFailover = defineOpcode<z.infer<typeof params>, { target: Node; old: Node }>({
  id: "OP_CLUSTER_MASTER_FAILOVER",
  params,
  summaryField: "target_node",
  exclusiveBgl: true,
  locks: () => [],
  async prereq(ctx, p) {
    const target = requireNode(ctx.config, p.target_node);
    const old = ctx.config.masterNode();
    if (target.uuid === old.uuid) throw new OpPrereqError(`Node ${target.name} is already the master`, "wrong_input");
    if (!target.master_capable) throw new OpPrereqError(`Node ${target.name} is not master capable, it cannot become the master`, "wrong_state");
    checkNodeOnline(target, "master failover");
    if (!target.master_candidate) {
      throw new OpPrereqError(`Node ${target.name} is not a master candidate; make it one first (gnt-node modify -C yes ${target.name})`, "wrong_state");
    }
    try {
      await ctx.rpc.node(target.uuid).version();
    } catch (error) {
      throw new OpPrereqError(`Node ${target.name} does not answer, it cannot become the master: ${(error as Error).message}`, "environment_error");
    }
    return { target, old };
  },
  async exec(ctx, _p, { target, old }) {
    ctx.config.updateCluster((c) => (c.master_node = target.uuid));
    await ctx.config.commit();
    await distributeConfig(ctx);
    ctx.log(`- INFO: Master role moved from ${old.name} to ${target.name}`);
    ctx.log("- INFO: The master daemon keeps running on this host: an embedded virtual cluster's masterd is not tied to its master node");
    return target.name;
  },
});
