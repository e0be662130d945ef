// Moving a DRBD mirror to a new secondary node (Ganeti's _ExecDrbd8Secondary). The new node gets its volumes and a
// standalone DRBD end first; then the old secondary's end is shut down, the primary goes standalone, the
// configuration switches to the new node, and the primary connects to it and resyncs. The old secondary's storage is
// removed last, so every crash point leaves the configuration naming volumes that exist.
import { OpExecError } from "../../errors";
import type { Disk } from "../../objects/types";
import { freeDrbdMinors } from "../../storage/disk-templates";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";
import { errorMessage } from "./disk-health";
import { checkDisksConsistency, checkDisksExistence, checkVolumeGroup, finishReplacement, logStep, type Replaced, type ReplacePlan } from "./replace-disks-steps";

export async function execNewSecondary(ctx: OpContext, plan: ReplacePlan): Promise<null> {
  const { config } = ctx;
  const { instance } = plan;
  const primary = instance.primary_node;
  const oldNode = plan.targetNode!;
  const newNode = plan.newNode!;
  const newName = nodeName(config, newNode);
  const disks = config.instanceDisks(instance);

  logStep(ctx, 1, "Check device existence");
  await checkDisksExistence(ctx, plan, [primary]);
  await checkVolumeGroup(ctx, plan, [primary, newNode]);

  logStep(ctx, 2, "Check peer consistency");
  await checkDisksConsistency(ctx, plan, primary, true, true);

  logStep(ctx, 3, "Allocate new storage");
  // What exists on the new node so far, per disk: its volumes, or its DRBD end (which takes its volumes with it).
  const made: Array<{ volumes: Disk[]; drbd?: Disk }> = disks.map(() => ({ volumes: [] }));
  const undo = async () => {
    for (const { volumes, drbd } of [...made].reverse()) {
      for (const disk of drbd ? [drbd] : volumes) {
        await ctx.rpc
          .node(newNode)
          .blockdevRemove(diskSpecFor(config, disk, newNode, primary))
          .catch((error) => ctx.log(`- WARNING: Can't rollback device on ${newName}: ${errorMessage(error)}; remove it manually`));
      }
    }
  };
  for (const [index, disk] of disks.entries()) {
    ctx.log(`- INFO: Adding new local storage on ${newName} for disk/${index}`);
    for (const child of disk.children) {
      try {
        await ctx.rpc.node(newNode).blockdevCreate(diskSpecFor(config, child, newNode, primary), instance.name);
        made[index]!.volumes.push(child);
      } catch (error) {
        await undo();
        throw new OpExecError(`Can't create block device: ${errorMessage(error)}`);
      }
    }
  }

  logStep(ctx, 4, "Changing drbd configuration");
  const minors = freeDrbdMinors(config, [newNode], disks.length)[0]!;
  const moved = disks.map((disk, index) => {
    const [first, , port, firstMinor, secondMinor, secret] = disk.logical_id as [string, string, number, number, number, string];
    const next: Disk = structuredClone(disk);
    next.logical_id = [primary, newNode, port, first === primary ? firstMinor : secondMinor, minors[index]!, secret];
    next.nodes = [primary, newNode];
    for (const child of next.children) child.nodes = [primary, newNode];
    return { index, disk, next, old: structuredClone(disk) };
  });
  for (const { index, next } of moved) {
    ctx.log(`- INFO: activating a new drbd on ${newName} for disk/${index}`);
    // Standalone for now: it learns its peer only once the configuration has switched to it.
    const { peer: _peer, ...standalone } = diskSpecFor(config, next, newNode, primary);
    try {
      await ctx.rpc.node(newNode).blockdevAssemble(standalone, instance.name, false);
      made[index]!.drbd = next;
    } catch (error) {
      await undo();
      throw new OpExecError(`Can't create the DRBD device of disk/${index} on ${newName}: ${errorMessage(error)}`);
    }
  }

  for (const { index, old } of moved) {
    ctx.log(`- INFO: Shutting down drbd for disk/${index} on old node`);
    try {
      await ctx.rpc.node(oldNode).blockdevShutdown(diskSpecFor(config, old, oldNode, primary));
    } catch (error) {
      ctx.log(`- WARNING: Failed to shutdown drbd for disk/${index} on old node: ${errorMessage(error)}`);
      ctx.log("      Hint: Please cleanup this device manually as soon as possible");
    }
  }
  ctx.log("- INFO: Detaching primary drbds from the network (=> standalone)");
  try {
    await ctx.rpc.node(primary).drbdDisconnectNet(disks.map((d) => diskSpecFor(config, d, primary, primary)));
  } catch (error) {
    await undo();
    throw new OpExecError(`Can't detach the disks from the network on old node: ${errorMessage(error)}`);
  }

  ctx.log("- INFO: Updating instance configuration");
  for (const { disk, next } of moved) {
    config.updateDisk(disk.uuid, (d) => {
      d.logical_id = next.logical_id;
      d.nodes = next.nodes;
      d.children = next.children;
    });
  }
  await config.commit();

  ctx.log("- INFO: Attaching primary drbds to new secondary (standalone => connected)");
  for (const node of [primary, newNode]) {
    try {
      await ctx.rpc.node(node).drbdAttachNet(
        disks.map((d) => diskSpecFor(config, d, node, primary)),
        node === primary,
      );
    } catch (error) {
      ctx.log(`- WARNING: Can't attach drbd disks on node ${nodeName(config, node)}: ${errorMessage(error)}`);
      ctx.log("      Hint: please do a gnt-instance info to see the status of disks");
    }
  }

  const replaced: Replaced[] = moved.map(({ index, disk, old }) => ({ index, disk, node: oldNode, old: [old] }));
  await finishReplacement(ctx, plan, replaced, [primary, oldNode, newNode]);
  return null;
}
