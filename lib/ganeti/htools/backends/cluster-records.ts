// The step every live backend shares (RAPI, luxi, and the core's in-process view of its own configuration): plain
// records of groups, nodes and instances, referring to each other by name and UUID, become a raw ClusterData with
// indices (Ganeti's assignIndices, lookupGroup, lookupNode and setMaster). The caller then runs finalizeCluster.
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Disk, Instance, Nic } from "../instance";
import { createInstance, NO_SECONDARY } from "../instance";
import type { Node } from "../node";
import { createNode } from "../node";
import type { AllocPolicy, DiskTemplate, InstanceStatus, IPolicy } from "../types";
import { HtoolsInputError } from "../types";

export type GroupRecord = {
  name: string;
  uuid: string;
  allocPolicy: AllocPolicy;
  ipolicy: IPolicy;
  tags: string[];
  networks?: string[];
};

export type NodeRecord = {
  name: string;
  /** Total, node-used (dom0) and free memory, MiB. */
  tMem: number;
  nMem: number;
  fMem: number;
  /** Total and free local storage, MiB. */
  tDsk: number;
  fDsk: number;
  tCpu: number;
  nCpu: number;
  /** Not usable for instances: offline, drained, not vm_capable. */
  offline: boolean;
  tSpindles: number;
  fSpindles: number;
  /** Group UUID. */
  group: string;
  exclStorage: boolean;
  tags: string[];
  cpuSpeed?: number;
};

export type InstanceRecord = {
  name: string;
  mem: number;
  /** Disk usage on each node, MiB. */
  dsk: number;
  disks: Disk[];
  vcpus: number;
  status: InstanceStatus;
  tags: string[];
  autoBalance: boolean;
  /** Node names. */
  pnode: string;
  snode: string | null;
  diskTemplate: DiskTemplate;
  spindleUse: number;
  forthcoming: boolean;
  nics?: Nic[];
};

export type ClusterRecord = { tags: string[]; ipolicy: IPolicy; master: string | null };

export type ClusterRecords = { groups: GroupRecord[]; nodes: NodeRecord[]; instances: InstanceRecord[]; cluster: ClusterRecord };

/** Ganeti's lookupGroup. */
export function lookupGroup(byUuid: ReadonlyMap<string, number>, nodeName: string, groupUuid: string): number {
  const idx = byUuid.get(groupUuid);
  if (idx === undefined) throw new HtoolsInputError(`Unknown group '${groupUuid}' for node ${nodeName}`);
  return idx;
}

/** Ganeti's lookupNode. */
export function lookupNode(byName: ReadonlyMap<string, number>, instanceName: string, nodeName: string): number {
  const idx = byName.get(nodeName);
  if (idx === undefined) throw new HtoolsInputError(`Unknown node '${nodeName}' for instance ${instanceName}`);
  return idx;
}

export function groupFromRecord(r: GroupRecord, idx: number): Group {
  return { ...createGroup({ name: r.name, uuid: r.uuid, allocPolicy: r.allocPolicy, ipolicy: r.ipolicy, tags: r.tags, networks: r.networks ?? [] }), idx };
}

export function nodeFromRecord(r: NodeRecord, idx: number, group: number): Node {
  const node = createNode({
    name: r.name,
    tMem: r.tMem,
    nMem: r.nMem,
    fMem: r.fMem,
    tDsk: r.tDsk,
    fDsk: r.fDsk,
    tCpu: r.tCpu,
    nCpu: r.nCpu,
    offline: r.offline,
    tSpindles: r.tSpindles,
    fSpindles: r.fSpindles,
    group,
    exclStorage: r.exclStorage,
  });
  return { ...node, idx, nTags: r.tags, tCpuSpeed: r.cpuSpeed ?? node.tCpuSpeed };
}

export function instanceFromRecord(r: InstanceRecord, idx: number, pNode: number, sNode: number): Instance {
  const inst = createInstance({
    name: r.name,
    mem: r.mem,
    dsk: r.dsk,
    disks: r.disks,
    vcpus: r.vcpus,
    runSt: r.status,
    tags: r.tags,
    autoBalance: r.autoBalance,
    pNode,
    sNode,
    diskTemplate: r.diskTemplate,
    spindleUse: r.spindleUse,
    nics: r.nics ?? [],
    forthcoming: r.forthcoming,
  });
  return { ...inst, idx };
}

/** Records → raw ClusterData (not yet finalized). */
export function assembleClusterData(records: ClusterRecords): ClusterData {
  const groups = records.groups.map(groupFromRecord);
  const groupByUuid = new Map(groups.map((g) => [g.uuid, g.idx]));
  const nodes = records.nodes.map((r, idx) => nodeFromRecord(r, idx, lookupGroup(groupByUuid, r.name, r.group)));
  const nodeByName = new Map(nodes.map((n) => [n.name, n.idx]));
  const instances = records.instances.map((r, idx) =>
    instanceFromRecord(r, idx, lookupNode(nodeByName, r.name, r.pnode), r.snode === null ? NO_SECONDARY : lookupNode(nodeByName, r.name, r.snode)),
  );
  const { master } = records.cluster;
  if (master !== null) {
    const idx = nodeByName.get(master);
    if (idx === undefined) throw new HtoolsInputError(`Master node ${master} unknown`);
    nodes[idx] = { ...nodes[idx]!, isMaster: true };
  }
  return { groups, nodes, instances, clusterTags: records.cluster.tags, ipolicy: records.cluster.ipolicy };
}
