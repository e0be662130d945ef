// OP_NODE_EVACUATE (gnt-node evacuate, RAPI /2/nodes/[n]/evacuate): plans how every instance leaves the node and
// submits one job per instance (Ganeti's node-evac-res1 result {"jobs": [...]}); the jobs do the moves.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Instance, Node } from "../../objects/types";
import { allNodeLocks, checkNodeNotDrained, checkNodeOnline, checkNodeVmCapable, instanceLock, nodeNameParam, requireNode } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";
import { instancesToEvacuate, planEvacuation, unmovablePrimaries, type EvacMode } from "./evacuate-plan";
import { submitFollowUps } from "./follow-up-jobs";

const params = opParams({
  node_name: nodeNameParam,
  node_uuid: nonEmptyString().nullable().optional(),
  mode: z.enum(["primary-only", "secondary-only", "all"]),
  remote_node: nonEmptyString().nullable().optional(),
  remote_node_uuid: nonEmptyString().nullable().optional(),
  iallocator: nonEmptyString().nullable().optional(),
  early_release: z.boolean().default(false),
  ignore_soft_errors: z.boolean().nullable().optional(),
});
type Params = z.infer<typeof params>;
type Plan = { node: Node; instances: Instance[]; remoteNode: Node | null; allocator: string };

export const nodeEvacuate = defineOpcode<Params, Plan>({
  id: "OP_NODE_EVACUATE",
  params,
  summaryField: "node_name",
  locks(ctx, p) {
    const node = requireNode(ctx.config, p.node_name);
    const instances = instancesToEvacuate(ctx, node, p.mode as EvacMode);
    return [...instances.map((i) => instanceLock(i.uuid, "shared")), ...allNodeLocks(ctx.config)];
  },
  prereq(ctx, p) {
    const { config } = ctx;
    const node = requireNode(config, p.node_name);
    if (p.remote_node && p.iallocator) throw new OpPrereqError("Do not specify both, iallocator and node", "wrong_input");
    let remoteNode: Node | null = null;
    if (p.remote_node) {
      remoteNode = requireNode(config, p.remote_node);
      if (remoteNode.uuid === node.uuid) throw new OpPrereqError("Can not use evacuated node as a new secondary node", "wrong_input");
      if (p.mode !== "secondary-only") throw new OpPrereqError("Without the use of an iallocator only secondary instances can be evacuated", "wrong_input");
      checkNodeOnline(remoteNode, "evacuation");
      checkNodeNotDrained(remoteNode);
      checkNodeVmCapable(remoteNode);
    }
    const allocator = remoteNode ? "" : allocatorName(ctx.config.cluster.default_iallocator, p.iallocator, ctx.allocator.name);

    const instances = instancesToEvacuate(ctx, node, p.mode);
    if (instances.length) ctx.log(`- INFO: Evacuating instances from node '${node.name}': ${instances.map((i) => i.name).join(", ")}`);
    else ctx.log(`- INFO: No instances to evacuate from node '${node.name}'`);
    if (remoteNode) {
      const clash = instances.find((i) => i.primary_node === remoteNode!.uuid);
      if (clash) throw new OpPrereqError(`Node ${remoteNode.name} is the primary node of instance ${clash.name}, cannot use it as secondary`, "wrong_input");
    }
    const stuck = unmovablePrimaries(instances, node);
    if (stuck.length) {
      throw new OpPrereqError(
        `Unable to evacuate instances ${stuck.map((s) => `${s.instance.name} (${s.reason})`).join(", ")}; remove them, or move their data and recreate them elsewhere`,
        "wrong_input",
      );
    }
    return { node, instances, remoteNode, allocator };
  },
  async exec(ctx, p, plan) {
    if (!plan.instances.length) return { jobs: [] };
    try {
      const moves = await planEvacuation(ctx, plan.node, plan.instances, {
        mode: p.mode,
        remoteNode: plan.remoteNode,
        allocatorName: plan.allocator,
        earlyRelease: p.early_release,
        ignoreSoftErrors: p.ignore_soft_errors ?? false,
      });
      ctx.log(`- INFO: Instances to be moved: ${moves.map((m) => `${m.instance.name} (to ${m.destination})`).join(", ")}`);
      return await submitFollowUps(ctx, moves.map((m) => m.ops));
    } finally {
      ctx.allocator.release(ctx.jobId);
    }
  },
});

/** Ganeti's CheckIAllocatorOrNode: no node and no allocator means the cluster's default allocator ("." too). */
function allocatorName(clusterDefault: string, requested: string | null | undefined, available: string): string {
  const name = !requested || requested === "." ? clusterDefault : requested;
  if (!name) {
    throw new OpPrereqError(
      "No iallocator or node given and no cluster-wide default iallocator found; please specify either an iallocator or a node, or set a cluster-wide default iallocator",
      "wrong_input",
    );
  }
  if (name !== available) throw new OpPrereqError(`Unknown iallocator '${name}' (available: ${available})`, "wrong_input");
  return name;
}
