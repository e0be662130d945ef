// Block devices on a virtual node, with the semantics of Ganeti's disk templates: plain logical volumes and file
// disks use the node's local storage; drbd is a data and a 128 MiB metadata volume on each of two nodes plus a DRBD
// device that resyncs while both ends are up; sharedfile lives on storage every node shares.
import { BlockDeviceError } from "../errors";
import type { DiskSpec, MirrorStatus } from "../rpc/node-rpc";
import type { VirtualNode } from "./virtual-node";
import type { DrbdDevice } from "./virtual-node-state";

const volumeKey = (disk: DiskSpec): string => {
  const [a, b] = disk.logical_id as [string, string];
  if (disk.dev_type === "plain") return `lv:${a}/${b}`;
  if (disk.dev_type === "file" || disk.dev_type === "sharedfile") return `file:${b}`;
  throw new BlockDeviceError(`${disk.dev_type} disks have no single volume`);
};

export const devicePath = (disk: DiskSpec): string => {
  const [a, b] = disk.logical_id as [string, string];
  if (disk.dev_type === "plain") return `/dev/${a}/${b}`;
  if (disk.dev_type === "drbd") return `/dev/drbd${drbdMinor(disk)}`;
  return b;
};

function drbdMinor(disk: DiskSpec): number {
  if (disk.minor === undefined) throw new BlockDeviceError(`DRBD disk ${disk.iv_name} came without this node's minor`);
  return disk.minor;
}

function drbdChildren(disk: DiskSpec): [DiskSpec, DiskSpec] {
  if (disk.children?.length !== 2) throw new BlockDeviceError(`DRBD disk ${disk.iv_name} needs a data and a metadata volume`);
  return [disk.children[0]!, disk.children[1]!];
}

export async function createDisk(node: VirtualNode, disk: DiskSpec, instance: string): Promise<string> {
  if (disk.dev_type === "sharedfile") {
    const key = volumeKey(disk);
    if (node.host.shared.volumes[key]) throw new BlockDeviceError(`Shared file ${devicePath(disk)} already exists`);
    node.host.shared.volumes[key] = { kind: "file", size: disk.size, instance };
    await node.host.shared.save();
    return devicePath(disk);
  }
  const volumes = disk.dev_type === "drbd" ? drbdChildren(disk) : [disk];
  const needed = volumes.reduce((sum, v) => sum + v.size, 0);
  const free = node.storageFree();
  if (needed > free) {
    throw new BlockDeviceError(`Not enough free space on node ${node.state.name}: ${disk.iv_name} needs ${needed} MiB, ${free} MiB free`);
  }
  for (const volume of volumes) {
    const key = volumeKey(volume);
    if (node.state.volumes[key]) throw new BlockDeviceError(`Volume ${devicePath(volume)} already exists on ${node.state.name}`);
  }
  for (const volume of volumes) node.state.volumes[volumeKey(volume)] = { kind: volume.dev_type === "plain" ? "lv" : "file", size: volume.size, instance };
  if (disk.dev_type === "drbd") {
    node.state.drbd[disk.uuid] = { ...newDevice(disk), assembled: true };
    // The second end to be created connects both; the pair then resyncs.
    connect(node, node.state.drbd[disk.uuid]!);
  }
  await node.save();
  const peer = disk.dev_type === "drbd" ? node.host.get(disk.peer ?? "") : undefined;
  if (peer) await peer.save();
  return devicePath(disk);
}

export async function removeDisk(node: VirtualNode, disk: DiskSpec): Promise<void> {
  if (disk.dev_type === "sharedfile") {
    delete node.host.shared.volumes[volumeKey(disk)];
    await node.host.shared.save();
    return;
  }
  if (disk.dev_type === "drbd") {
    delete node.state.drbd[disk.uuid];
    for (const child of drbdChildren(disk)) delete node.state.volumes[volumeKey(child)];
  } else {
    delete node.state.volumes[volumeKey(disk)];
  }
  await node.save();
}

export async function growDisk(node: VirtualNode, disk: DiskSpec, amount: number): Promise<void> {
  if (disk.dev_type === "sharedfile") {
    const volume = node.host.shared.volumes[volumeKey(disk)];
    if (!volume) throw new BlockDeviceError(`Shared file ${devicePath(disk)} not found`);
    volume.size += amount;
    await node.host.shared.save();
    return;
  }
  if (amount > node.storageFree()) {
    throw new BlockDeviceError(`Not enough free space on node ${node.state.name} to grow ${disk.iv_name} by ${amount} MiB (${node.storageFree()} MiB free)`);
  }
  const target = disk.dev_type === "drbd" ? drbdChildren(disk)[0] : disk;
  const volume = node.state.volumes[volumeKey(target)];
  if (!volume) throw new BlockDeviceError(`Volume ${devicePath(target)} not found on ${node.state.name}`);
  volume.size += amount;
  const device = node.state.drbd[disk.uuid];
  if (device) {
    // The new area resyncs; the old part stays in sync.
    const oldSize = device.size;
    device.size += amount;
    device.syncFrom = { percent: (oldSize / device.size) * 100, at: Date.now() };
  }
  await node.save();
}

export async function renameDisk(node: VirtualNode, disk: DiskSpec, newLogicalId: unknown[]): Promise<void> {
  const renamed = { ...disk, logical_id: newLogicalId };
  const store = disk.dev_type === "sharedfile" ? node.host.shared.volumes : node.state.volumes;
  const from = volumeKey(disk);
  const volume = store[from];
  if (!volume) throw new BlockDeviceError(`Volume ${devicePath(disk)} not found`);
  delete store[from];
  store[volumeKey(renamed)] = volume;
  if (disk.dev_type === "sharedfile") await node.host.shared.save();
  else await node.save();
}

/** Makes the disk usable on this node (after a reboot or for a migration), returning its device path. */
export async function assembleDisk(node: VirtualNode, disk: DiskSpec, asPrimary: boolean): Promise<string> {
  if (disk.dev_type !== "drbd") {
    const store = disk.dev_type === "sharedfile" ? node.host.shared.volumes : node.state.volumes;
    if (!store[volumeKey(disk)]) throw new BlockDeviceError(`Cannot assemble ${disk.iv_name}: ${devicePath(disk)} not found on ${node.state.name}`);
    return devicePath(disk);
  }
  for (const child of drbdChildren(disk)) {
    if (!node.state.volumes[volumeKey(child)]) {
      throw new BlockDeviceError(`Cannot assemble ${disk.iv_name}: volume ${devicePath(child)} missing on ${node.state.name}`);
    }
  }
  const device = node.state.drbd[disk.uuid] ?? newDevice(disk);
  node.state.drbd[disk.uuid] = device;
  device.assembled = true;
  device.role = asPrimary ? "primary" : "secondary";
  device.peer = disk.peer ?? device.peer;
  connect(node, device);
  await node.save();
  await savePeers(node, [disk]);
  return devicePath(disk);
}

export async function shutdownDisk(node: VirtualNode, disk: DiskSpec): Promise<void> {
  const device = node.state.drbd[disk.uuid];
  if (device) {
    device.assembled = false;
    device.peerBootid = null;
    await node.save();
  }
}

export async function attachNet(node: VirtualNode, disks: DiskSpec[], asPrimary: boolean): Promise<void> {
  for (const disk of disks) {
    const device = node.state.drbd[disk.uuid];
    if (!device) throw new BlockDeviceError(`DRBD device of ${disk.iv_name} not found on ${node.state.name}`);
    if (!device.assembled) throw new BlockDeviceError(`DRBD device of ${disk.iv_name} is not assembled on ${node.state.name}`);
    device.role = asPrimary ? "primary" : "secondary";
    if (disk.peer) device.peer = disk.peer;
    connect(node, device);
  }
  await node.save();
  await savePeers(node, disks);
}

export async function disconnectNet(node: VirtualNode, disks: DiskSpec[]): Promise<void> {
  for (const disk of disks) {
    const device = node.state.drbd[disk.uuid];
    if (device) device.peerBootid = null;
  }
  await node.save();
}

/**
 * Puts the staged volumes in place of this node's data and metadata volumes of a DRBD disk (replace-disks): the
 * current ones are kept as `<name><retiredSuffix>` for removal later, the staged ones take their names, and the pair
 * resyncs. One state write, so the disk's volume names never go missing on this node.
 */
export async function replaceChildren(node: VirtualNode, disk: DiskSpec, staged: DiskSpec[], retiredSuffix: string): Promise<void> {
  const device = node.state.drbd[disk.uuid];
  if (!device?.assembled) throw new BlockDeviceError(`DRBD device of ${disk.iv_name} is not assembled on ${node.state.name}`);
  const current = drbdChildren(disk);
  if (staged.length !== current.length) throw new BlockDeviceError(`DRBD disk ${disk.iv_name} needs a data and a metadata volume`);
  for (const volume of staged) {
    if (!node.state.volumes[volumeKey(volume)]) {
      throw new BlockDeviceError(`Cannot attach ${devicePath(volume)} to ${disk.iv_name}: not found on ${node.state.name}`);
    }
  }
  current.forEach((volume, i) => {
    const key = volumeKey(volume);
    const [vg, name] = volume.logical_id as [string, string];
    // A lost volume (the reason for the replacement) has nothing to keep.
    if (node.state.volumes[key]) node.state.volumes[volumeKey({ ...volume, logical_id: [vg, `${name}${retiredSuffix}`] })] = node.state.volumes[key]!;
    node.state.volumes[key] = node.state.volumes[volumeKey(staged[i]!)]!;
    delete node.state.volumes[volumeKey(staged[i]!)];
  });
  // The new volumes hold nothing yet: reconnecting restarts the resync (from scratch, as every resync here).
  device.peerBootid = null;
  connect(node, device);
  await node.save();
  await savePeers(node, [disk]);
}

export function mirrorStatus(node: VirtualNode, disk: DiskSpec): MirrorStatus {
  const path = devicePath(disk);
  if (disk.dev_type !== "drbd") {
    const store = disk.dev_type === "sharedfile" ? node.host.shared.volumes : node.state.volumes;
    const present = Boolean(store[volumeKey(disk)]);
    return { dev_path: path, sync_percent: null, estimated_time: null, is_degraded: !present, ldisk_status: present ? "ok" : "faulty" };
  }
  const device = node.state.drbd[disk.uuid];
  if (!device?.assembled) return { dev_path: path, sync_percent: null, estimated_time: null, is_degraded: true, ldisk_status: "faulty" };
  if (!isConnected(node, device)) return { dev_path: path, sync_percent: null, estimated_time: null, is_degraded: true, ldisk_status: "ok" };
  const percent = syncPercent(node, device);
  if (percent >= 100) return { dev_path: path, sync_percent: null, estimated_time: null, is_degraded: false, ldisk_status: "ok" };
  const remainingMiB = ((100 - percent) / 100) * device.size;
  return {
    dev_path: path,
    sync_percent: Math.floor(percent * 100) / 100,
    estimated_time: Math.ceil(remainingMiB / node.host.options.resyncRate),
    is_degraded: true,
    ldisk_status: device.role === "secondary" ? "degraded" : "ok",
  };
}

function newDevice(disk: DiskSpec): DrbdDevice {
  return {
    minor: drbdMinor(disk),
    disk: disk.uuid,
    size: disk.size,
    peer: disk.peer ?? "",
    port: (disk.logical_id as unknown[])[2] as number,
    role: disk.role ?? "secondary",
    assembled: false,
    syncFrom: { percent: 0, at: Date.now() },
    peerBootid: null,
  };
}

/** Connected when the peer answers, has its end assembled and has not rebooted since we connected. */
function isConnected(node: VirtualNode, device: DrbdDevice): boolean {
  const peer = node.host.get(device.peer);
  const peerDevice = peer?.state.drbd[device.disk];
  return Boolean(peer?.state.powered && peerDevice?.assembled && device.peerBootid && device.peerBootid === peer.state.bootid);
}

/** (Re)connects to the peer; a new connection resyncs (from scratch: the simulation keeps no bitmap). */
function connect(node: VirtualNode, device: DrbdDevice): void {
  if (isConnected(node, device)) return;
  const peer = node.host.get(device.peer);
  const peerDevice = peer?.state.drbd[device.disk];
  if (!peer?.state.powered || !peerDevice?.assembled) return;
  device.peerBootid = peer.state.bootid;
  peerDevice.peerBootid = node.state.bootid;
  const start = { percent: 0, at: Date.now() };
  device.syncFrom = start;
  peerDevice.syncFrom = { ...start };
}

function syncPercent(node: VirtualNode, device: DrbdDevice): number {
  const elapsed = (Date.now() - device.syncFrom.at) / 1000;
  const done = device.syncFrom.percent + (elapsed * node.host.options.resyncRate * 100) / Math.max(device.size, 1);
  return Math.min(100, done);
}

/** connect() also writes the peer's end of the connection; persist it there too. */
async function savePeers(node: VirtualNode, disks: DiskSpec[]): Promise<void> {
  const peers = new Set(disks.map((d) => node.state.drbd[d.uuid]?.peer).filter((p): p is string => Boolean(p)));
  await Promise.all([...peers].map((name) => node.host.get(name)?.save()));
}
