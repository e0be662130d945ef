// The state of an instance's disks on one node, as Ganeti's blockdev_find, CheckDiskConsistency and
// FindFaultyInstanceDisks see it. DRBD ends are read together with their data and metadata volumes: an end whose
// backing volume is gone is reported as real DRBD reports a detached (diskless) end — degraded, local disk faulty —
// even where the node's own device status does not look below the DRBD layer.
import { GanetiError, OpPrereqError, RpcError } from "../../errors";
import type { Disk, Instance } from "../../objects/types";
import type { MirrorStatus } from "../../rpc/node-rpc";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";

/** `found`: the device itself is set up on the node (Ganeti: blockdev_find returned something). */
export type DeviceStatus = MirrorStatus & { found: boolean };

export async function deviceStatus(ctx: OpContext, instance: Instance, disk: Disk, nodeUuid: string): Promise<DeviceStatus> {
  const spec = diskSpecFor(ctx.config, disk, nodeUuid, instance.primary_node);
  const specs = disk.dev_type === "drbd" ? [spec, ...(spec.children ?? [])] : [spec];
  const [own, ...children] = await ctx.rpc.node(nodeUuid).blockdevMirrorStatus(specs);
  const status: DeviceStatus = { ...own!, found: own!.ldisk_status !== "faulty" };
  if (children.some((child) => child.ldisk_status === "faulty")) return { ...status, is_degraded: true, ldisk_status: "faulty" };
  return status;
}

/**
 * Ganeti's CheckDiskConsistency: on the primary (and for DRBD and LVs on any node) the device must be found and not
 * degraded — or, with `ldisk`, its local storage must be fine (it may still wait for its peer).
 */
export async function checkDiskConsistency(
  ctx: OpContext,
  instance: Instance,
  disk: Disk,
  nodeUuid: string,
  onPrimary: boolean,
  ldisk = false,
): Promise<boolean> {
  const assembledOnSecondary = disk.dev_type === "drbd" || disk.dev_type === "plain";
  if (!onPrimary && !assembledOnSecondary) return true;
  let status: DeviceStatus;
  try {
    status = await deviceStatus(ctx, instance, disk, nodeUuid);
  } catch (error) {
    ctx.log(`- WARNING: Can't find disk on node ${nodeName(ctx.config, nodeUuid)}: ${(error as Error).message}`);
    return false;
  }
  if (!status.found) {
    ctx.log(`- WARNING: Can't find disk on node ${nodeName(ctx.config, nodeUuid)}`);
    return false;
  }
  return ldisk ? status.ldisk_status === "ok" : !status.is_degraded;
}

/** Indexes of the instance's disks whose local storage on the node is faulty (Ganeti's FindFaultyInstanceDisks). */
export async function findFaultyDisks(ctx: OpContext, instance: Instance, nodeUuid: string): Promise<number[]> {
  const faulty: number[] = [];
  const disks = ctx.config.instanceDisks(instance);
  for (const [index, disk] of disks.entries()) {
    let status: DeviceStatus;
    try {
      status = await deviceStatus(ctx, instance, disk, nodeUuid);
    } catch (error) {
      throw new OpPrereqError(`Failed to get disk status from node ${nodeName(ctx.config, nodeUuid)}: ${(error as Error).message}`, "environment_error");
    }
    if (status.ldisk_status === "faulty") faulty.push(index);
  }
  return faulty;
}

/** True when every disk is set up on every reachable node of the instance (offline nodes are skipped). */
export async function disksActivated(ctx: OpContext, instance: Instance): Promise<boolean> {
  for (const [index, disk] of ctx.config.instanceDisks(instance).entries()) {
    for (const node of disk.nodes) {
      ctx.log(`- INFO: Checking disk/${index} on ${nodeName(ctx.config, node)}`);
      try {
        if (!(await deviceStatus(ctx, instance, disk, node)).found) return false;
      } catch (error) {
        if (isOffline(error)) continue;
        return false;
      }
    }
  }
  return true;
}

export const isOffline = (error: unknown): boolean => error instanceof RpcError && error.offline;

export const errorMessage = (error: unknown): string => (error instanceof GanetiError || error instanceof Error ? error.message : String(error));
