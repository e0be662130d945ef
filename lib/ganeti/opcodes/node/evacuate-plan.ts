// Where each instance goes when a node is evacuated, and the jobs that move it (htools' node-evacuate moves, chosen
// by hail): a DRBD primary fails over or migrates to its secondary (and, evacuating everything, gets a new secondary
// so the node is left empty); a shared-storage primary moves to the node hail picks; a DRBD secondary is replaced
// by the given remote node or the one hail picks in the primary's group.
import { OpPrereqError } from "../../errors";
import type { OpInput } from "../../jobs/job";
import { fillBeparams } from "../../objects/fill";
import type { Instance, Node } from "../../objects/types";
import { diskUsagePerNode, TEMPLATES } from "../../storage/disk-templates";
import { nodesUnfitFor } from "../common";
import type { OpContext } from "../definition";
import type { AllocationPlan } from "../instance/allocator";
import { opcode } from "./follow-up-jobs";

export type EvacMode = "primary-only" | "secondary-only" | "all";
export type EvacMove = { instance: Instance; destination: string; ops: OpInput[] };
export type EvacOptions = { mode: EvacMode; remoteNode: Node | null; allocatorName: string; earlyRelease: boolean; ignoreSoftErrors?: boolean };

/** The instances an evacuation in this mode moves, by name. */
export function instancesToEvacuate(ctx: Pick<OpContext, "config">, node: Node, mode: EvacMode): Instance[] {
  const { config } = ctx;
  const primaries = mode === "secondary-only" ? [] : config.primaryInstancesOf(node.uuid);
  const secondaries = mode === "primary-only" ? [] : config.secondaryInstancesOf(node.uuid);
  return [...primaries, ...secondaries].sort((a, b) => a.name.localeCompare(b.name));
}

/** Primaries whose disks cannot leave the node (plain, file): hail's "Instances of type plain cannot be relocated". */
export function unmovablePrimaries(instances: Instance[], node: Node): Array<{ instance: Instance; reason: string }> {
  return instances
    .filter((i) => i.primary_node === node.uuid && !TEMPLATES[i.disk_template].movable)
    .map((instance) => ({ instance, reason: `Instances of type ${instance.disk_template} cannot be relocated` }));
}

/**
 * Plans every move with hail on one evolving view of the cluster (each choice sees the ones before); the chosen
 * nodes are also reserved under the job's id so that other jobs in flight see them.
 */
export async function planEvacuation(ctx: OpContext, node: Node, instances: Instance[], options: EvacOptions): Promise<EvacMove[]> {
  const plan = options.remoteNode ? null : await ctx.allocator.plan(ctx.config, ctx.rpc, { ignoreSoftErrors: options.ignoreSoftErrors });
  const moves: EvacMove[] = [];
  for (const instance of instances) {
    moves.push(instance.primary_node === node.uuid ? planPrimary(ctx, plan, node, instance, options) : planSecondary(ctx, plan, node, instance, options));
  }
  return moves;
}

function planPrimary(ctx: OpContext, plan: AllocationPlan | null, node: Node, instance: Instance, options: EvacOptions): EvacMove {
  const { config } = ctx;
  const running = instance.admin_state === "up";
  const moveOp = (target: string | null) =>
    running
      ? opcode("OP_INSTANCE_MIGRATE", { instance_name: instance.name, target_node: target })
      : opcode("OP_INSTANCE_FAILOVER", { instance_name: instance.name, target_node: target });
  const memory = running ? fillBeparams(config.cluster, instance).maxmem : 0;
  if (instance.disk_template === "drbd") {
    const secondary = config.node(config.secondaryNodes(instance)[0]!)!;
    hail(options, () => plan!.failover(instance.uuid));
    ctx.allocator.reserve(ctx.jobId, secondary.uuid, memory, 0);
    const ops = [moveOp(null)];
    let destination = secondary.name;
    if (options.mode === "all") {
      // After the move this node is the instance's secondary: replace it so that the node ends up empty.
      const newSecondary = choose(ctx, plan!, instance, node, drbdUsage(ctx, instance), options);
      ops.push(replaceSecondaryOp(instance, newSecondary.name, options.earlyRelease));
      destination = `${secondary.name}, ${newSecondary.name}`;
    }
    return { instance, destination, ops };
  }
  const target = hail(options, () => config.node(plan!.relocate(instance.uuid, [node.uuid, ...nodesUnfitFor(config, instance)]))!);
  ctx.allocator.reserve(ctx.jobId, target.uuid, memory, 0);
  return { instance, destination: target.name, ops: [moveOp(target.name)] };
}

function planSecondary(ctx: OpContext, plan: AllocationPlan | null, node: Node, instance: Instance, options: EvacOptions): EvacMove {
  const target = options.remoteNode ?? choose(ctx, plan!, instance, node, drbdUsage(ctx, instance), options);
  return { instance, destination: target.name, ops: [replaceSecondaryOp(instance, target.name, options.earlyRelease)] };
}

const replaceSecondaryOp = (instance: Instance, remoteNode: string, earlyRelease: boolean) =>
  opcode("OP_INSTANCE_REPLACE_DISKS", { instance_name: instance.name, mode: "replace_new_secondary", remote_node: remoteNode, disks: [], early_release: earlyRelease });

const drbdUsage = (ctx: OpContext, instance: Instance) => diskUsagePerNode("drbd", ctx.config.instanceDisks(instance).map((d) => d.size));

/** A new DRBD secondary away from the evacuated node, from hail, reserved for this job. */
function choose(ctx: OpContext, plan: AllocationPlan, instance: Instance, evacuated: Node, storage: number, options: EvacOptions): Node {
  const target = hail(options, () => ctx.config.node(plan.relocate(instance.uuid, [evacuated.uuid]))!);
  ctx.allocator.reserve(ctx.jobId, target.uuid, 0, storage);
  return target;
}

/** hail's reasons, as Ganeti words a failed node-evacuate request. */
function hail<T>(options: EvacOptions, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof OpPrereqError)) throw error;
    throw new OpPrereqError(`Can't compute node evacuation using iallocator '${options.allocatorName}': ${error.message}`, "insufficient_resources");
  }
}
