// Disk steps shared by instance opcodes: create on every node (undoing on failure), remove, assemble, wait for
// DRBD to sync, and each step's lines in the job log.
import { BlockDeviceError, OpExecError } from "../../errors";
import type { Disk, Instance } from "../../objects/types";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";

/** Creates the disks on their nodes, secondaries first; on failure removes what it made and throws. */
export async function createDisks(ctx: OpContext, instance: Instance, disks: Disk[]): Promise<void> {
  const made: Array<{ disk: Disk; node: string }> = [];
  try {
    for (const disk of disks) {
      for (const node of [...disk.nodes].reverse()) {
        await ctx.rpc.node(node).blockdevCreate(diskSpecFor(ctx.config, disk, node, instance.primary_node), instance.name);
        made.push({ disk, node });
      }
    }
  } catch (error) {
    ctx.log(`- WARNING: creating disks failed (${(error as Error).message}); removing the ones made`);
    for (const { disk, node } of made.reverse()) {
      await ctx.rpc
        .node(node)
        .blockdevRemove(diskSpecFor(ctx.config, disk, node, instance.primary_node))
        .catch((e) => ctx.log(`- WARNING: could not remove ${disk.iv_name} on ${nodeName(ctx.config, node)}: ${e.message}`));
    }
    throw new OpExecError(`Could not create disks for ${instance.name}: ${(error as Error).message}`, { cause: error });
  }
}

/** Removes disks from their nodes; a failure is logged and reported, the rest still goes. Returns success. */
export async function removeDisks(ctx: OpContext, instance: Instance, disks: Disk[], options: { ignoreFailures?: boolean } = {}): Promise<boolean> {
  let ok = true;
  for (const disk of disks) {
    for (const node of disk.nodes) {
      try {
        await ctx.rpc.node(node).blockdevRemove(diskSpecFor(ctx.config, disk, node, instance.primary_node));
      } catch (error) {
        ok = false;
        ctx.log(`- WARNING: could not remove ${disk.iv_name} on ${nodeName(ctx.config, node)}: ${(error as Error).message}`);
      }
    }
  }
  if (!ok && !options.ignoreFailures) throw new OpExecError(`Could not remove all disks of ${instance.name}; see the log`);
  return ok;
}

/** Assembles the instance's disks on all its nodes (secondaries first, then the primary as primary). */
export async function assembleDisks(ctx: OpContext, instance: Instance, options: { ignoreSecondaries?: boolean } = {}): Promise<void> {
  const disks = ctx.config.instanceDisks(instance);
  for (const disk of disks) {
    for (const node of [...disk.nodes].reverse()) {
      const asPrimary = node === instance.primary_node;
      try {
        await ctx.rpc.node(node).blockdevAssemble(diskSpecFor(ctx.config, disk, node, instance.primary_node), instance.name, asPrimary);
      } catch (error) {
        if (!asPrimary && options.ignoreSecondaries) {
          ctx.log(`- WARNING: could not prepare ${disk.iv_name} on secondary ${nodeName(ctx.config, node)}: ${(error as Error).message}`);
          continue;
        }
        throw new OpExecError(`Cannot activate block device ${disk.iv_name} of ${instance.name} on ${nodeName(ctx.config, node)}: ${(error as Error).message}`);
      }
    }
  }
}

/** Waits until every DRBD disk of the instance is in sync, logging progress as Ganeti does. */
export async function waitForSync(ctx: OpContext, instance: Instance, options: { timeoutMs?: number } = {}): Promise<void> {
  const disks = ctx.config.instanceDisks(instance).filter((d) => d.dev_type === "drbd");
  if (!disks.length) return;
  ctx.log(`- INFO: Waiting for instance ${instance.name} to sync disks`);
  const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
  let lastLogged = 0;
  for (;;) {
    const specs = disks.map((d) => diskSpecFor(ctx.config, d, instance.primary_node, instance.primary_node));
    const status = await ctx.rpc.node(instance.primary_node).blockdevMirrorStatus(specs);
    const syncing = status.map((s, i) => ({ s, disk: disks[i]! })).filter(({ s }) => s.sync_percent !== null);
    const broken = status.find((s) => s.is_degraded && s.sync_percent === null);
    if (broken) throw new BlockDeviceError(`Disks of ${instance.name} are degraded and not resyncing (${broken.dev_path}); check the secondary node`);
    if (!syncing.length) break;
    if (Date.now() - lastLogged >= 1000) {
      for (const { s, disk } of syncing) {
        ctx.log(`- INFO: - device ${disk.iv_name}: ${s.sync_percent!.toFixed(2)}% done, ${s.estimated_time ?? "?"}s remaining (estimated)`);
      }
      lastLogged = Date.now();
    }
    if (Date.now() > deadline) throw new OpExecError(`Disks of ${instance.name} did not finish syncing in time`);
    await ctx.sleep(100);
  }
  ctx.log(`- INFO: Instance ${instance.name}'s disks are in sync`);
}
