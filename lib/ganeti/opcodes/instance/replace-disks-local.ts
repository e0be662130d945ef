// Replacing a DRBD disk's volumes on its primary or its secondary (Ganeti's _ExecDrbd8DiskOnly). New data and
// metadata volumes are made first under temporary names; the node then swaps them in, in one step (the old ones are
// renamed "<name>_replaced-<time>", the new ones take the old names, the DRBD end attaches them and resyncs from its
// peer); only after that are the old ones removed. The configuration names the volumes of both ends with one list,
// so it keeps the names — as in Ganeti — and at no point names a volume that does not exist.
import { OpExecError } from "../../errors";
import { newUuid } from "../../objects/ids";
import type { Disk } from "../../objects/types";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";
import { errorMessage } from "./disk-health";
import {
  checkDisksConsistency,
  checkDisksExistence,
  checkVolumeGroup,
  finishReplacement,
  logStep,
  selectedDisks,
  type Replaced,
  type ReplacePlan,
} from "./replace-disks-steps";

export async function execReplaceOnNode(ctx: OpContext, plan: ReplacePlan): Promise<null> {
  const { config } = ctx;
  const { instance } = plan;
  const target = plan.targetNode!;
  const other = plan.otherNode!;
  const targetName = nodeName(config, target);
  const spec = (disk: Disk, node = target) => diskSpecFor(config, disk, node, instance.primary_node);

  logStep(ctx, 1, "Check device existence");
  await checkDisksExistence(ctx, plan, [other, target]);
  await checkVolumeGroup(ctx, plan, [target, other]);

  logStep(ctx, 2, "Check peer consistency");
  await checkDisksConsistency(ctx, plan, other, other === instance.primary_node, false);

  logStep(ctx, 3, "Allocate new storage");
  const pending: Array<{ index: number; disk: Disk; fresh: Disk[] }> = [];
  for (const [index, disk] of selectedDisks(ctx, plan)) {
    ctx.log(`- INFO: Adding storage on ${targetName} for disk/${index}`);
    const prefix = newUuid();
    const fresh = disk.children.map((child, i) => ({
      ...structuredClone(child),
      uuid: newUuid(),
      logical_id: [child.logical_id[0], `${prefix}.disk${index}_${i === 0 ? "data" : "meta"}`],
    }));
    pending.push({ index, disk, fresh });
    for (const volume of fresh) {
      try {
        await ctx.rpc.node(target).blockdevCreate(spec(volume), instance.name);
      } catch (error) {
        await removeVolumes(ctx, target, pending, volume);
        throw new OpExecError(`Can't create block device: ${errorMessage(error)}`);
      }
    }
  }

  logStep(ctx, 4, "Changing drbd configuration");
  const suffix = `_replaced-${Math.floor(Date.now() / 1000)}`;
  const replaced: Replaced[] = [];
  for (const [position, { index, disk, fresh }] of pending.entries()) {
    ctx.log(`- INFO: Detaching ${disk.iv_name} drbd from local storage`);
    ctx.log("- INFO: Renaming the old LVs on the target node");
    ctx.log("- INFO: Renaming the new LVs on the target node");
    ctx.log(`- INFO: Adding new mirror component on ${targetName}`);
    try {
      await ctx.rpc.node(target).drbdReplaceChildren(spec(disk), fresh.map((volume) => spec(volume)), suffix);
    } catch (error) {
      await removeVolumes(ctx, target, pending.slice(position));
      throw new OpExecError(`Can't add local storage to drbd: ${errorMessage(error)}`);
    }
    const old = disk.children.map((child) => ({ ...structuredClone(child), logical_id: [child.logical_id[0], `${String(child.logical_id[1])}${suffix}`] }));
    replaced.push({ index, disk, node: target, old });
  }

  await finishReplacement(ctx, plan, replaced, [target, other]);
  return null;
}

/** Undoes step 3 for the disks not switched yet (up to, not including, `until` if given). */
async function removeVolumes(ctx: OpContext, node: string, pending: Array<{ fresh: Disk[] }>, until?: Disk): Promise<void> {
  for (const { fresh } of pending) {
    for (const volume of fresh) {
      if (volume === until) return;
      await ctx.rpc
        .node(node)
        .blockdevRemove(diskSpecFor(ctx.config, volume, node, node))
        .catch((error) => ctx.log(`- WARNING: Can't rollback device ${volume.logical_id[1]}: ${errorMessage(error)}; remove the unused logical volume manually`));
    }
  }
}
