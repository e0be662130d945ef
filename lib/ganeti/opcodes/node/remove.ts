// OP_NODE_REMOVE (gnt-node remove): takes an empty node out of the cluster. The candidate pool is refilled first
// (Ganeti's order), the node leaves the configuration, and only then is a virtual node's machine destroyed, so a
// crash in between leaves at worst an unused machine directory, never a configured node without its machine.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Node } from "../../objects/types";
import { distributeConfig } from "../cluster/distribute";
import { nodeNameParam, requireNode } from "../common";
import { defineOpcode, opParams } from "../definition";
import { adjustCandidatePool } from "./candidate-pool";

const params = opParams({
  node_name: nodeNameParam,
  node_uuid: z.string().nullable().optional(),
});

export const nodeRemove = defineOpcode<z.infer<typeof params>, { node: Node }>({
  id: "OP_NODE_REMOVE",
  params,
  summaryField: "node_name",
  // Ganeti's LUNodeRemove holds the Big Ganeti Lock: nothing else may use the node meanwhile.
  exclusiveBgl: true,
  locks: () => [{ level: "node", name: "[set]", mode: "exclusive" }],
  prereq(ctx, p) {
    const node = requireNode(ctx.config, p.node_name);
    if (node.uuid === ctx.config.cluster.master_node) {
      throw new OpPrereqError("Node is the master node, failover to another node is required", "wrong_input");
    }
    for (const instance of ctx.config.instances()) {
      if (ctx.config.instanceNodes(instance).includes(node.uuid)) {
        throw new OpPrereqError(`Instance ${instance.name} is still running on the node, please remove first`, "wrong_input");
      }
    }
    return { node };
  },
  async exec(ctx, _p, { node }) {
    const promoted = adjustCandidatePool(ctx, [node.uuid]);
    ctx.log(`- INFO: Removing node ${node.name} from the cluster configuration`);
    ctx.config.removeNode(node.uuid);
    await ctx.config.commit();
    if (promoted.length) await distributeConfig(ctx, promoted);
    if (node.transport === "virtual") {
      ctx.virtualNodes.destroy(node.name);
      ctx.log(`- INFO: Virtual node ${node.name} destroyed with its simulated disks and instances`);
    } else {
      ctx.nodeTransports.drop(node.uuid);
      ctx.log(`- WARNING: ${node.name} is a real host: stop its node daemon and remove its state there`);
    }
    return null;
  },
});
