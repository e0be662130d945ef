// The disk part of OP_INSTANCE_QUERY_DATA (Ganeti's _ComputeDiskStatusInner): each disk with its mirror status as
// seen from the primary and, for DRBD, from the secondary; children (a DRBD disk's volumes) recursively.
import type { Disk, Instance } from "../../objects/types";
import type { MirrorStatus } from "../../rpc/node-rpc";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";

export type DiskInfo = {
  iv_name: string;
  dev_type: Disk["dev_type"];
  logical_id: unknown[];
  drbd_info: { primary_node: string; primary_minor: number; secondary_node: string; secondary_minor: number; port: number } | null;
  pstatus: MirrorStatus | null;
  sstatus: MirrorStatus | null;
  children: DiskInfo[];
  mode: Disk["mode"];
  size: number;
  spindles: number | null;
  name: string | null;
  uuid: string;
};

export async function diskInfo(ctx: OpContext, instance: Instance, disk: Disk, secondary: string | null, isStatic: boolean): Promise<DiskInfo> {
  let logicalId = disk.logical_id;
  let drbdInfo: DiskInfo["drbd_info"] = null;
  if (disk.dev_type === "drbd") {
    const [nodeA, nodeB, port, minorA, minorB] = disk.logical_id as [string, string, number, number, number];
    const primaryIsA = nodeA === instance.primary_node;
    secondary = primaryIsA ? nodeB : nodeA;
    drbdInfo = {
      primary_node: nodeName(ctx.config, instance.primary_node),
      primary_minor: primaryIsA ? minorA : minorB,
      secondary_node: nodeName(ctx.config, secondary),
      secondary_minor: primaryIsA ? minorB : minorA,
      port,
    };
    // As Ganeti: the shared secret is not handed out.
    logicalId = [...disk.logical_id.slice(0, 5), null];
  }
  const [pstatus, sstatus, children] = await Promise.all([
    isStatic ? null : mirrorStatus(ctx, instance, disk, instance.primary_node),
    isStatic || !secondary ? null : mirrorStatus(ctx, instance, disk, secondary),
    Promise.all(disk.children.map((child) => diskInfo(ctx, instance, child, secondary, isStatic))),
  ]);
  return {
    iv_name: disk.iv_name,
    dev_type: disk.dev_type,
    logical_id: logicalId,
    drbd_info: drbdInfo,
    pstatus,
    sstatus,
    children,
    mode: disk.mode,
    size: disk.size,
    spindles: disk.spindles,
    name: disk.name,
    uuid: disk.uuid,
  };
}

/** The disk's status on one node; null when the node is offline or does not answer (the rest of the answer stands). */
async function mirrorStatus(ctx: OpContext, instance: Instance, disk: Disk, node: string): Promise<MirrorStatus | null> {
  if (ctx.config.node(node)?.offline) return null;
  try {
    const [status] = await ctx.rpc.node(node).blockdevMirrorStatus([diskSpecFor(ctx.config, disk, node, instance.primary_node)]);
    return status ?? null;
  } catch (error) {
    ctx.log(`- WARNING: Can't compute disk status of ${disk.iv_name} of ${instance.name} on ${nodeName(ctx.config, node)}: ${(error as Error).message}`);
    return null;
  }
}
