// Where each instance goes when a node is evacuated, and the jobs that move it (htools' node-evacuate moves):
// a DRBD primary fails over or migrates to its secondary (and, evacuating everything, gets a new secondary so the
// node is left empty); a shared-storage primary moves to a node the allocator picks; a DRBD secondary is replaced
// by the given remote node or one the allocator picks in the primary's group.
import { OpPrereqError } from "../../errors";
import type { OpInput } from "../../jobs/job";
import { fillBeparams } from "../../objects/fill";
import type { Instance, Node } from "../../objects/types";
import { diskUsagePerNode, TEMPLATES } from "../../storage/disk-templates";
import type { OpContext } from "../definition";
import { opcode } from "./follow-up-jobs";

export type EvacMode = "primary-only" | "secondary-only" | "all";
export type EvacMove = { instance: Instance; destination: string; ops: OpInput[] };
export type EvacOptions = { mode: EvacMode; remoteNode: Node | null; allocatorName: string; earlyRelease: boolean };

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

/** Plans every move; allocations are reserved under the job's id so that later choices see earlier ones. */
export async function planEvacuation(ctx: OpContext, node: Node, instances: Instance[], options: EvacOptions): Promise<EvacMove[]> {
  const moves: EvacMove[] = [];
  for (const instance of instances) {
    moves.push(instance.primary_node === node.uuid ? await planPrimary(ctx, node, instance, options) : await planSecondary(ctx, node, instance, options));
  }
  return moves;
}

async function planPrimary(ctx: OpContext, node: Node, instance: Instance, options: EvacOptions): Promise<EvacMove> {
  const { config } = ctx;
  const running = instance.admin_state === "up";
  const moveOp = (target: string | null) =>
    running
      ? opcode("OP_INSTANCE_MIGRATE", { instance_name: instance.name, target_node: target })
      : opcode("OP_INSTANCE_FAILOVER", { instance_name: instance.name, target_node: target });
  if (instance.disk_template === "drbd") {
    const secondary = config.node(config.secondaryNodes(instance)[0]!)!;
    const ops = [moveOp(null)];
    let destination = secondary.name;
    if (options.mode === "all") {
      // After the move this node is the instance's secondary: replace it so that the node ends up empty.
      const newSecondary = await choose(ctx, instance, { memory: 0, storage: drbdUsage(ctx, instance), near: secondary, exclude: [node.uuid, secondary.uuid] }, options);
      ops.push(replaceSecondaryOp(instance, newSecondary.name, options.earlyRelease));
      destination = `${secondary.name}, ${newSecondary.name}`;
    }
    return { instance, destination, ops };
  }
  const memory = fillBeparams(config.cluster, instance).maxmem;
  const target = await choose(ctx, instance, { memory, storage: 0, near: node, exclude: [node.uuid] }, options);
  return { instance, destination: target.name, ops: [moveOp(target.name)] };
}

async function planSecondary(ctx: OpContext, node: Node, instance: Instance, options: EvacOptions): Promise<EvacMove> {
  const primary = ctx.config.node(instance.primary_node)!;
  const target = options.remoteNode ?? (await choose(ctx, instance, { memory: 0, storage: drbdUsage(ctx, instance), near: primary, exclude: [node.uuid, primary.uuid] }, options));
  return { instance, destination: target.name, ops: [replaceSecondaryOp(instance, target.name, options.earlyRelease)] };
}

const replaceSecondaryOp = (instance: Instance, remoteNode: string, earlyRelease: boolean) =>
  opcode("OP_INSTANCE_REPLACE_DISKS", { instance_name: instance.name, mode: "replace_new_secondary", remote_node: remoteNode, disks: [], early_release: earlyRelease });

const drbdUsage = (ctx: OpContext, instance: Instance) => diskUsagePerNode("drbd", ctx.config.instanceDisks(instance).map((d) => d.size));

type Need = { memory: number; storage: number; near: Node; exclude: string[] };

/** A node in the same group as `near` with room for the instance, from the allocator, reserved for this job. */
async function choose(ctx: OpContext, instance: Instance, need: Need, options: EvacOptions): Promise<Node> {
  try {
    const placement = await ctx.allocator.allocate(ctx.config, ctx.rpc, {
      name: instance.name,
      memory: need.memory,
      vcpus: fillBeparams(ctx.config.cluster, instance).vcpus,
      diskUsage: need.storage,
      needsSecondary: false,
      group: need.near.group,
      excludeNodes: [...need.exclude, ...ctx.config.instanceNodes(instance)],
    });
    ctx.allocator.reserve(ctx.jobId, placement.primary, need.memory, need.storage);
    return ctx.config.node(placement.primary)!;
  } catch (error) {
    throw new OpPrereqError(`Can't compute node evacuation using iallocator '${options.allocatorName}': ${(error as Error).message}`, "insufficient_resources");
  }
}
