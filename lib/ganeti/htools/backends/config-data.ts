// The cluster as htools sees it, built in-process from Gantry's configuration objects and the nodes' live
// information — what Ganeti's master sends hail in an iallocator request: node memory, disk and CPUs from the node
// (not live when offline, not vm_capable or not answering: then offline to htools, as drained nodes are), instance
// memory from beparams maxmem, status from the admin state (up → running, down → ADMIN_down, offline →
// ADMIN_offline), disk usage per node as Ganeti's ComputeDiskSize. Resources reserved by jobs in flight are taken
// away from the nodes' free memory and disk.
import type { Cluster, Disk, Instance, Node, NodeGroup } from "../../objects/types";
import { effectiveIpolicy, fillBeparams, fillNdparams } from "../../objects/fill";
import { DRBD_META_SIZE } from "../../objects/defaults";
import type { NodeInfo } from "../../rpc/node-rpc";
import type { ClusterData } from "../cluster-data";
import type { InstanceStatus } from "../types";
import type { ClusterRecords, GroupRecord, InstanceRecord, NodeRecord } from "./cluster-records";
import { assembleClusterData } from "./cluster-records";
import { readIPolicy } from "./ganeti-json";

export type Reservation = { memory: number; storage: number };

export type ConfigView = {
  cluster: Cluster;
  /** UUID of the master node. */
  masterNode: string;
  groups: readonly NodeGroup[];
  nodes: readonly Node[];
  instances: readonly Instance[];
  /** All disks by UUID (instances list theirs by UUID). */
  disks: ReadonlyMap<string, Disk> | Readonly<Record<string, Disk>>;
  /** Live information by node UUID; a node missing here did not answer. */
  nodeInfo: ReadonlyMap<string, NodeInfo>;
  /** Memory and storage held for jobs in flight, by node UUID. */
  reservations?: ReadonlyMap<string, Reservation>;
};

const STATUS_OF_ADMIN_STATE: Record<Instance["admin_state"], InstanceStatus> = { up: "running", down: "ADMIN_down", offline: "ADMIN_offline" };

const byName = <T extends { name: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function diskLookup(disks: ConfigView["disks"]): (uuid: string) => Disk | undefined {
  return disks instanceof Map ? (uuid) => disks.get(uuid) : (uuid) => (disks as Record<string, Disk>)[uuid];
}

/** Ganeti's ComputeDiskSize: what an instance's disks take on each of its nodes. */
export function diskSpaceTotal(template: Instance["disk_template"], sizes: readonly number[]): number {
  if (template === "diskless") return 0;
  return sizes.reduce((sum, size) => sum + size + (template === "drbd" ? DRBD_META_SIZE : 0), 0);
}

export function configClusterRecords(view: ConfigView): ClusterRecords {
  const { cluster } = view;
  const diskOf = diskLookup(view.disks);
  const groupOf = new Map(view.groups.map((g) => [g.uuid, g]));
  const nameOf = new Map(view.nodes.map((n) => [n.uuid, n.name]));

  const groups: GroupRecord[] = byName(view.groups).map((g) => ({
    name: g.name,
    uuid: g.uuid,
    allocPolicy: g.alloc_policy,
    ipolicy: readIPolicy(effectiveIpolicy(cluster, g)),
    tags: [...g.tags],
    networks: Object.keys(g.networks),
  }));

  const nodes: NodeRecord[] = byName(view.nodes).map((n) => {
    const nd = fillNdparams(cluster, groupOf.get(n.group), n);
    const exclStorage = nd.exclusive_storage === true;
    const info = view.nodeInfo.get(n.uuid);
    const live = !n.offline && n.vm_capable && info !== undefined;
    const held = view.reservations?.get(n.uuid) ?? { memory: 0, storage: 0 };
    const record: NodeRecord = {
      name: n.name,
      tMem: 0,
      nMem: 0,
      fMem: 0,
      tDsk: 0,
      fDsk: 0,
      tCpu: 0,
      nCpu: 0,
      offline: !live || n.drained,
      tSpindles: exclStorage ? 0 : Number(nd.spindle_count),
      fSpindles: 0,
      group: n.group,
      exclStorage,
      tags: [...n.tags],
      cpuSpeed: Number(nd.cpu_speed),
    };
    if (!live) return record;
    // Reserved memory counts as used by the node itself: free memory drops and the unexplained remainder (x_mem)
    // stays what it was, so htools' unallocated memory drops by exactly the reservation.
    return {
      ...record,
      tMem: info.memory_total,
      nMem: info.memory_dom0 + held.memory,
      fMem: info.memory_free - held.memory,
      tDsk: info.storage_total,
      fDsk: info.storage_free - held.storage,
      tCpu: info.cpu_total,
      nCpu: 1,
      tSpindles: exclStorage ? info.spindles_total : record.tSpindles,
      fSpindles: info.spindles_free,
    };
  });

  const instances: InstanceRecord[] = byName(view.instances).map((i) => {
    const be = fillBeparams(cluster, i);
    const disks = i.disks.map(diskOf).filter((d): d is Disk => d !== undefined);
    const secondary = disks.flatMap((d) => d.nodes.slice(1)).find((uuid) => uuid !== i.primary_node);
    return {
      name: i.name,
      mem: be.maxmem,
      dsk: diskSpaceTotal(i.disk_template, disks.map((d) => d.size)),
      disks: disks.map((d) => ({ size: d.size, spindles: d.spindles })),
      vcpus: be.vcpus,
      status: STATUS_OF_ADMIN_STATE[i.admin_state],
      tags: [...i.tags],
      autoBalance: be.auto_balance,
      pnode: nameOf.get(i.primary_node) ?? i.primary_node,
      snode: secondary === undefined ? null : (nameOf.get(secondary) ?? secondary),
      diskTemplate: i.disk_template,
      spindleUse: be.spindle_use,
      forthcoming: false,
      nics: i.nics.map((nic) => ({ mac: nic.mac, ip: nic.ip, network: nic.network })),
    };
  });

  return {
    groups,
    nodes,
    instances,
    cluster: { tags: [...cluster.tags], ipolicy: readIPolicy(effectiveIpolicy(cluster, undefined)), master: nameOf.get(view.masterNode) ?? null },
  };
}

/** The raw ClusterData (run finalizeCluster on it) of a configuration and its nodes' live information. */
export function configClusterData(view: ConfigView): ClusterData {
  return assembleClusterData(configClusterRecords(view));
}
