// Bringing an instance's disks up and down on all its nodes, as Ganeti's AssembleInstanceDisks and
// ShutdownInstanceDisks do: failures are collected and logged per device (the caller decides what is fatal), and
// the instance's disks_active flag follows the outcome.
import type { Disk, Instance } from "../../objects/types";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";
import { errorMessage, isOffline } from "./disk-health";

/** Ganeti's device_info: [primary node name, iv_name, device path on the primary]. */
export type DiskInfo = [string, string, string | null];

/**
 * Assembles every disk: first on the secondaries (as secondary), then on the primary (as primary). A failure on an
 * offline secondary, or on any secondary with `ignoreSecondaries`, is only a warning.
 */
export async function assembleInstanceDisks(
  ctx: OpContext,
  instance: Instance,
  options: { ignoreSecondaries?: boolean } = {},
): Promise<{ ok: boolean; info: DiskInfo[] }> {
  const { config } = ctx;
  const disks = config.instanceDisks(instance);
  const primary = instance.primary_node;
  let ok = true;
  config.updateInstance(instance.uuid, (i) => (i.disks_active = true));

  for (const disk of disks) {
    for (const node of disk.nodes.filter((n) => n !== primary)) {
      try {
        await ctx.rpc.node(node).blockdevAssemble(diskSpecFor(config, disk, node, primary), instance.name, false);
      } catch (error) {
        ctx.log(`- WARNING: Could not prepare block device ${disk.iv_name} on node ${nodeName(config, node)} (is_primary=False, pass=1): ${errorMessage(error)}`);
        if (!options.ignoreSecondaries && !isOffline(error)) ok = false;
      }
    }
  }
  const info: DiskInfo[] = [];
  for (const disk of disks) {
    let path: string | null = null;
    try {
      path = await ctx.rpc.node(primary).blockdevAssemble(diskSpecFor(config, disk, primary, primary), instance.name, true);
    } catch (error) {
      ctx.log(`- WARNING: Could not prepare block device ${disk.iv_name} on node ${nodeName(config, primary)} (is_primary=True, pass=2): ${errorMessage(error)}`);
      ok = false;
    }
    info.push([nodeName(config, primary), disk.iv_name, path]);
  }
  if (!ok) config.updateInstance(instance.uuid, (i) => (i.disks_active = false));
  return { ok, info };
}

/**
 * Shuts the disks down on every node and marks them inactive. Returns false when a device could not be shut down
 * on the primary (unless `ignorePrimary`) or on a secondary that is not offline.
 */
export async function shutdownInstanceDisks(ctx: OpContext, instance: Instance, options: { ignorePrimary?: boolean } = {}): Promise<boolean> {
  const { config } = ctx;
  let ok = true;
  config.updateInstance(instance.uuid, (i) => (i.disks_active = false));
  for (const disk of config.instanceDisks(instance)) {
    if (!(await shutdownDisk(ctx, instance, disk, options))) ok = false;
  }
  return ok;
}

/** Shuts one disk down on its nodes; false when it failed where it matters (the primary, or a reachable secondary). */
export async function shutdownDisk(ctx: OpContext, instance: Instance, disk: Disk, options: { ignorePrimary?: boolean } = {}): Promise<boolean> {
  const primary = instance.primary_node;
  let ok = true;
  for (const node of disk.nodes) {
    try {
      await ctx.rpc.node(node).blockdevShutdown(diskSpecFor(ctx.config, disk, node, primary));
    } catch (error) {
      ctx.log(`- WARNING: Could not shutdown block device ${disk.iv_name} on node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
      if ((node === primary && !options.ignorePrimary) || (node !== primary && !isOffline(error))) ok = false;
    }
  }
  return ok;
}

