// Growing one disk, shared by OP_INSTANCE_GROW_DISK and OP_INSTANCE_SET_PARAMS (disk N:size=...): the checks
// (space on every node holding it, instance policy) and the steps (backing storage on the secondaries, then the
// primary, then the size in the configuration).
import { OpExecError, OpPrereqError } from "../../errors";
import { effectiveIpolicy } from "../../objects/fill";
import type { Disk, Instance } from "../../objects/types";
import { formatUnit } from "../../objects/units";
import { TEMPLATES } from "../../storage/disk-templates";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";

export type Growth = { disk: Disk; index: number; delta: number; target: number };

/** Ganeti's FindDisk by index. */
export function diskAt(ctx: OpContext, instance: Instance, index: number): Disk {
  const disks = ctx.config.instanceDisks(instance);
  const disk = disks[index];
  if (!disk) {
    throw new OpPrereqError(
      disks.length ? `Invalid disk index: ${index} (instance has disks 0 to ${disks.length - 1})` : `Invalid disk index: ${index} (instance has no disks)`,
      "wrong_input",
    );
  }
  return disk;
}

/** Growth to an absolute size or by an amount; shrinking is refused. */
export function computeGrowth(disk: Disk, index: number, amount: number, absolute: boolean): Growth {
  if (absolute) {
    if (amount < disk.size) {
      throw new OpPrereqError(`Requested size (${formatUnit(amount)}) is smaller than current disk size (${formatUnit(disk.size)})`, "wrong_state");
    }
    return { disk, index, delta: amount - disk.size, target: amount };
  }
  if (amount < 0) throw new OpPrereqError(`Requested increment (${formatUnit(amount)}) is negative`, "wrong_input");
  return { disk, index, delta: amount, target: disk.size + amount };
}

/** Free local storage for `need` MiB more on each node (Ganeti's CheckNodesFreeDiskPerVG). */
export async function checkNodesFreeSpace(ctx: OpContext, instance: Instance, need: Map<string, number>): Promise<void> {
  if (!TEMPLATES[instance.disk_template].localStorage) return;
  for (const [node, amount] of need) {
    if (amount <= 0) continue;
    const resources = await ctx.allocator.resources(ctx.rpc, node);
    if (!resources) throw new OpPrereqError(`Can't get free disk space of node ${nodeName(ctx.config, node)}: it does not answer`, "environment_error");
    if (resources.storageFree < amount) {
      throw new OpPrereqError(
        `Not enough disk space on target node ${nodeName(ctx.config, node)} vg ${ctx.config.cluster.volume_group_name}: required ${amount} MiB, available ${resources.storageFree} MiB`,
        "insufficient_resources",
      );
    }
  }
}

/** The instance policy's disk bounds for the new sizes (Ganeti's ComputeIPolicyDiskSizesViolation): one min/max pair must fit. */
export function diskSizeViolations(ctx: OpContext, instance: Instance, sizes: number[]): string[] {
  const group = ctx.config.group(ctx.config.node(instance.primary_node)!.group);
  let first: string[] | null = null;
  for (const { min, max } of effectiveIpolicy(ctx.config.cluster, group).minmax) {
    const found: string[] = [];
    const check = (name: "disk-count" | "disk-size", value: number) => {
      if (value < min[name] || value > max[name]) found.push(`${name} value ${value} is not in range [${min[name]}, ${max[name]}]`);
    };
    check("disk-count", sizes.length);
    for (const size of sizes) check("disk-size", size);
    if (!found.length) return [];
    first ??= found;
  }
  return first ?? [];
}

/** Grows the disk on its secondaries, then on the primary, then records the new size. */
export async function growDisk(ctx: OpContext, instance: Instance, growth: Growth): Promise<void> {
  const { disk, delta } = growth;
  if (delta > 0) {
    const grown: string[] = [];
    for (const node of [...disk.nodes].reverse()) {
      try {
        await ctx.rpc.node(node).blockdevGrow(diskSpecFor(ctx.config, disk, node, instance.primary_node), delta);
      } catch (error) {
        // No dry run on the nodes: say which backing volumes are already larger than the recorded size.
        const partial = grown.length ? ` (the backing storage on ${grown.join(", ")} was already grown; the recorded size is unchanged)` : "";
        throw new OpExecError(`Grow request failed to node ${nodeName(ctx.config, node)}: ${(error as Error).message}${partial}`);
      }
      grown.push(nodeName(ctx.config, node));
    }
  }
  ctx.config.updateDisk(disk.uuid, (d) => {
    d.size = growth.target;
    // Ganeti's RecordGrow: a DRBD disk's data volume grows with it (the metadata volume keeps its size).
    if (d.dev_type === "drbd" && d.children[0]) d.children[0].size += delta;
  });
  await ctx.config.commit();
}
