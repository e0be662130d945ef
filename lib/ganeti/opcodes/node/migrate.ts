// OP_NODE_MIGRATE (gnt-node migrate, RAPI /2/nodes/[n]/migrate): one OP_INSTANCE_MIGRATE job per primary instance
// of the node, as Ganeti's LUNodeMigrate; the instance opcodes choose targets and do the moves. Stopped instances
// get allow_failover, as htools' jobs do, so they move cold instead of failing for not running.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Instance, Node } from "../../objects/types";
import { TEMPLATES } from "../../storage/disk-templates";
import { nodeLock, nodeNameParam, requireNode } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";
import { opcode, submitFollowUps } from "./follow-up-jobs";

const params = opParams({
  node_name: nodeNameParam,
  node_uuid: nonEmptyString().nullable().optional(),
  mode: z.enum(["live", "non-live"]).nullable().optional(),
  /** Deprecated form of mode (true = live). */
  live: z.boolean().nullable().optional(),
  target_node: nonEmptyString().nullable().optional(),
  target_node_uuid: nonEmptyString().nullable().optional(),
  allow_runtime_changes: z.boolean().default(true),
  ignore_ipolicy: z.boolean().default(false),
  iallocator: nonEmptyString().nullable().optional(),
});
type Params = z.infer<typeof params>;

export const nodeMigrate = defineOpcode<Params, { node: Node; instances: Instance[]; target: string | null }>({
  id: "OP_NODE_MIGRATE",
  params,
  summaryField: "node_name",
  locks: (ctx, p) => [nodeLock(requireNode(ctx.config, p.node_name).uuid, "shared")],
  prereq(ctx, p) {
    const node = requireNode(ctx.config, p.node_name);
    if (p.mode && p.live !== null && p.live !== undefined) {
      throw new OpPrereqError("Only one of the parameters mode and live can be given", "wrong_input");
    }
    let target: string | null = null;
    if (p.target_node) {
      const targetNode = requireNode(ctx.config, p.target_node);
      if (targetNode.uuid === node.uuid) throw new OpPrereqError(`Cannot migrate instances of ${node.name} to the node itself`, "wrong_input");
      target = targetNode.name;
    }
    const instances = ctx.config.primaryInstancesOf(node.uuid).sort((a, b) => a.name.localeCompare(b.name));
    return { node, instances, target };
  },
  async exec(ctx, p, { node, instances, target }) {
    if (!instances.length) ctx.log(`- INFO: No primary instances on node ${node.name}, nothing to migrate`);
    else ctx.log(`- INFO: Migrating instances from node '${node.name}': ${instances.map((i) => i.name).join(", ")}`);
    for (const instance of instances) {
      if (!TEMPLATES[instance.disk_template].movable) {
        ctx.log(`- WARNING: Instance ${instance.name} has disk template ${instance.disk_template}, which cannot be migrated; its job will fail`);
      }
    }
    const jobs = instances.map((instance) => [
      opcode("OP_INSTANCE_MIGRATE", {
        instance_name: instance.name,
        mode: p.mode,
        live: p.live,
        iallocator: p.iallocator,
        target_node: target,
        allow_runtime_changes: p.allow_runtime_changes,
        ignore_ipolicy: p.ignore_ipolicy,
        allow_failover: instance.admin_state === "up" ? undefined : true,
      }),
    ]);
    return submitFollowUps(ctx, jobs);
  },
});
