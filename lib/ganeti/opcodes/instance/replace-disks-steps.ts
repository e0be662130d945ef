// The checks and steps both kinds of disk replacement share (Ganeti's TLReplaceDisks helpers): device existence,
// peer consistency, waiting for the resync, the final device check and removing the storage that was replaced.
import { OpExecError } from "../../errors";
import type { Disk, Instance } from "../../objects/types";
import { diskSpecFor, nodeLocks, nodeName } from "../common";
import type { OpContext } from "../definition";
import { checkDiskConsistency, deviceStatus, disksActivated, errorMessage } from "./disk-health";
import { waitForSync } from "./disks";

export type ReplacePlan = {
  instance: Instance;
  /** Indexes of the disks to replace. */
  disks: number[];
  /** The node whose storage is replaced (for a new secondary: the old secondary). */
  targetNode: string | null;
  otherNode: string | null;
  newNode: string | null;
  earlyRelease: boolean;
  /** Keep the node locks to the end (the disks are taken down again afterwards). */
  holdNodeLocks?: boolean;
};

/** One replaced disk: what to remove from `node` once the new storage is in use. */
export type Replaced = { index: number; disk: Disk; node: string; old: Disk[] };

export const STEPS_TOTAL = 6;
export const logStep = (ctx: OpContext, step: number, message: string) => ctx.log(`STEP ${step}/${STEPS_TOTAL} ${message}`);

export const selectedDisks = (ctx: OpContext, plan: ReplacePlan): Array<[number, Disk]> =>
  [...ctx.config.instanceDisks(plan.instance).entries()].filter(([index]) => plan.disks.includes(index));

export async function checkDisksExistence(ctx: OpContext, plan: ReplacePlan, nodes: string[]): Promise<void> {
  const { instance } = plan;
  for (const [index, disk] of selectedDisks(ctx, plan)) {
    for (const node of nodes) {
      ctx.log(`- INFO: Checking disk/${index} on ${nodeName(ctx.config, node)}`);
      let problem: string | null = null;
      try {
        if (!(await deviceStatus(ctx, instance, disk, node)).found) problem = "disk not found";
      } catch (error) {
        problem = errorMessage(error);
      }
      if (problem === null) continue;
      const hint = (await disksActivated(ctx, instance))
        ? ""
        : "\nDisks seem to be not properly activated. Try running activate-disks on the instance before using replace-disks.";
      throw new OpExecError(`Can't find disk/${index} on node ${nodeName(ctx.config, node)}: ${problem}${hint}`);
    }
  }
}

/** The volume group the new volumes go to must exist on the nodes (Ganeti's _CheckVolumeGroup). */
export async function checkVolumeGroup(ctx: OpContext, plan: ReplacePlan, nodes: string[]): Promise<void> {
  ctx.log("- INFO: Checking volume groups");
  const groups = new Set(selectedDisks(ctx, plan).flatMap(([, disk]) => disk.children.map((c) => String(c.logical_id[0]))));
  for (const node of nodes) {
    let names: string[];
    try {
      names = (await ctx.rpc.node(node).storageList("lvm-vg")).map((unit) => unit.name);
    } catch (error) {
      throw new OpExecError(`Error checking node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
    }
    for (const group of groups) {
      if (!names.includes(group)) throw new OpExecError(`Volume group '${group}' not found on node ${nodeName(ctx.config, node)}`);
    }
  }
}

export async function checkDisksConsistency(ctx: OpContext, plan: ReplacePlan, node: string, onPrimary: boolean, ldisk: boolean): Promise<void> {
  for (const [index, disk] of selectedDisks(ctx, plan)) {
    ctx.log(`- INFO: Checking disk/${index} consistency on node ${nodeName(ctx.config, node)}`);
    if (!(await checkDiskConsistency(ctx, plan.instance, disk, node, onPrimary, ldisk))) {
      throw new OpExecError(`Node ${nodeName(ctx.config, node)} has degraded storage, unsafe to replace disks for instance ${plan.instance.name}`);
    }
  }
}

/** Removes what was replaced; a failure leaves an orphan volume (a warning, as in Ganeti), never a broken disk. */
export async function removeOldStorage(ctx: OpContext, plan: ReplacePlan, replaced: Replaced[]): Promise<void> {
  for (const { disk, node, old } of replaced) {
    ctx.log(`- INFO: Remove logical volumes for ${disk.iv_name}`);
    for (const volume of old) {
      try {
        await ctx.rpc.node(node).blockdevRemove(diskSpecFor(ctx.config, volume, node, plan.instance.primary_node));
      } catch (error) {
        ctx.log(`- WARNING: Can't remove old LV: ${errorMessage(error)}`);
        ctx.log("      Hint: remove unused LVs manually");
      }
    }
  }
}

/** Steps 5 and 6: sync and check the devices, removing the old storage before (early release) or after. */
export async function finishReplacement(ctx: OpContext, plan: ReplacePlan, replaced: Replaced[], touched: string[]): Promise<void> {
  let step = 5;
  if (plan.earlyRelease) {
    logStep(ctx, step++, "Removing old storage");
    await removeOldStorage(ctx, plan, replaced);
    // Nothing is done on the nodes from here on but waiting: let other jobs use them meanwhile.
    if (!plan.holdNodeLocks) ctx.release(nodeLocks(touched));
  }
  logStep(ctx, step++, "Sync devices");
  try {
    await waitForSync(ctx, plan.instance);
  } catch (error) {
    ctx.log(`- WARNING: ${errorMessage(error)}`);
  }
  // The new storage is in use; if it is not healthy, say where the old one still is.
  const kept = plan.earlyRelease ? "" : `; the replaced storage was kept on ${[...new Set(replaced.map((r) => nodeName(ctx.config, r.node)))].join(", ")}`;
  for (const { disk } of replaced) {
    let status;
    try {
      status = await deviceStatus(ctx, plan.instance, disk, plan.instance.primary_node);
    } catch (error) {
      throw new OpExecError(`Can't find DRBD device ${disk.iv_name}: ${errorMessage(error)}${kept}`);
    }
    if (!status.found) throw new OpExecError(`Can't find DRBD device ${disk.iv_name}: disk not found${kept}`);
    if (status.is_degraded) throw new OpExecError(`DRBD device ${disk.iv_name} is degraded!${kept}`);
  }
  if (!plan.earlyRelease) {
    logStep(ctx, step, "Removing old storage");
    await removeOldStorage(ctx, plan, replaced);
  }
}
