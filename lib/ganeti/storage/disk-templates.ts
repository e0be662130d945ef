// What each disk template means (Ganeti's semantics): where its data lives, whether it needs a secondary node,
// how instances on it may move, and how much node storage it uses.
import crypto from "node:crypto";
import type { ConfigStore } from "../config/config-store";
import { OpPrereqError } from "../errors";
import { DEFAULT_VG, DRBD_META_SIZE, FIRST_NETWORK_PORT, LAST_NETWORK_PORT } from "../objects/defaults";
import { newUuid, nowSeconds } from "../objects/ids";
import type { Disk, DiskDevType, DiskTemplate } from "../objects/types";
import { diskImagePath } from "./images/image-layout";

export type TemplateInfo = {
  /** internal: DRBD to a secondary; external: shared storage any node reaches; none: local to the primary. */
  mirror: "internal" | "external" | "none";
  needsSecondary: boolean;
  /** Live migration and failover are possible (to the secondary, or to any node for external mirrors). */
  movable: boolean;
  /** Counts against the nodes' local storage. */
  localStorage: boolean;
};

export const TEMPLATES: Record<DiskTemplate, TemplateInfo> = {
  diskless: { mirror: "external", needsSecondary: false, movable: true, localStorage: false },
  file: { mirror: "none", needsSecondary: false, movable: false, localStorage: true },
  sharedfile: { mirror: "external", needsSecondary: false, movable: true, localStorage: false },
  plain: { mirror: "none", needsSecondary: false, movable: false, localStorage: true },
  drbd: { mirror: "internal", needsSecondary: true, movable: true, localStorage: true },
};

export type DiskRequest = { size: number; mode: "rw" | "ro"; name: string | null; spindles: number | null };

/** MiB of local storage each disk takes on each of the instance's nodes. */
export function diskUsagePerNode(template: DiskTemplate, sizes: number[]): number {
  if (!TEMPLATES[template].localStorage) return 0;
  return sizes.reduce((sum, size) => sum + size + (template === "drbd" ? DRBD_META_SIZE : 0), 0);
}

/** The template an instance's disks form (Ganeti 3 derives it from the disks). */
export function templateOfDisks(disks: Disk[]): DiskTemplate {
  return (disks[0]?.dev_type as DiskTemplate | undefined) ?? "diskless";
}

/** Builds the disk objects of a new instance (Ganeti's GenerateDiskTemplate). */
export function generateDisks(
  config: ConfigStore,
  options: { template: DiskTemplate; instanceName: string; primary: string; secondary?: string; firstIndex?: number },
  requests: DiskRequest[],
): Disk[] {
  const { template, instanceName, primary, secondary, firstIndex = 0 } = options;
  if (template === "diskless") {
    if (requests.length) throw new OpPrereqError("Diskless instances cannot have disks", "wrong_input");
    return [];
  }
  const minors = template === "drbd" ? freeDrbdMinors(config, [primary, secondary!], requests.length) : null;
  return requests.map((request, offset) => {
    const index = firstIndex + offset;
    const uuid = newUuid();
    const base = { uuid, name: request.name, iv_name: `disk/${index}`, size: request.size, mode: request.mode, spindles: request.spindles, params: {}, serial_no: 1, ctime: nowSeconds(), mtime: nowSeconds() };
    const lv = (suffix: string, size: number): Disk => ({
      ...base,
      uuid: newUuid(),
      name: null,
      dev_type: "plain",
      logical_id: [DEFAULT_VG, `${uuid}.disk${index}${suffix}`],
      children: [],
      nodes: secondary ? [primary, secondary] : [primary],
      size,
    });
    switch (template) {
      case "plain":
        return { ...lv("", request.size), uuid, name: request.name, nodes: [primary] };
      case "file":
      case "sharedfile": {
        return {
          ...base,
          dev_type: template as DiskDevType,
          logical_id: ["loop", diskImagePath(config.cluster, { template, uuid, index }, instanceName)],
          children: [],
          nodes: [primary],
        };
      }
      case "drbd": {
        const port = allocateNetworkPort(config);
        const [pminor, sminor] = [minors![0]![offset]!, minors![1]![offset]!];
        const secret = crypto.randomBytes(16).toString("hex");
        return {
          ...base,
          dev_type: "drbd",
          logical_id: [primary, secondary!, port, pminor, sminor, secret],
          children: [lv("_data", request.size), lv("_meta", DRBD_META_SIZE)],
          nodes: [primary, secondary!],
        };
      }
    }
  });
}

/** A port from the cluster's pool, else the next after the highest used (Ganeti's AllocatePort). */
export function allocateNetworkPort(config: ConfigStore): number {
  let port: number | undefined;
  config.updateCluster((cluster) => {
    port = cluster.tcpudp_port_pool.shift();
    if (port === undefined) {
      port = Math.max(cluster.highest_used_port + 1, FIRST_NETWORK_PORT);
      if (port > LAST_NETWORK_PORT) throw new OpPrereqError("The cluster has run out of network ports", "insufficient_resources");
      cluster.highest_used_port = port;
    }
  });
  return port!;
}

/** Returns ports no longer in use to the pool. */
export function releaseNetworkPorts(config: ConfigStore, ports: number[]): void {
  if (ports.length) config.updateCluster((cluster) => cluster.tcpudp_port_pool.push(...ports));
}

/** `count` free DRBD minors on each node, lowest first. */
export function freeDrbdMinors(config: ConfigStore, nodes: string[], count: number): number[][] {
  const used = new Map<string, Set<number>>(nodes.map((n) => [n, new Set()]));
  for (const disk of Object.values(config.data.disks)) {
    if (disk.dev_type !== "drbd") continue;
    const [p, s, , pminor, sminor] = disk.logical_id as [string, string, number, number, number];
    used.get(p)?.add(pminor);
    used.get(s)?.add(sminor);
  }
  return nodes.map((node) => {
    const taken = used.get(node)!;
    const free: number[] = [];
    for (let minor = 0; free.length < count; minor++) if (!taken.has(minor)) free.push(minor);
    return free;
  });
}

/** A disk's DRBD port, to give back when the disk goes away. */
export const drbdPort = (disk: Disk): number | null => (disk.dev_type === "drbd" ? ((disk.logical_id as unknown[])[2] as number) : null);
