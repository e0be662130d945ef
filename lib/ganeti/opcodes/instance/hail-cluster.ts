// What the master hands hail in-process (instead of an iallocator request file): the cluster as htools sees it, from
// the configuration and the nodes' live information less what jobs in flight have reserved; the new instance of an
// allocate request; and a plan that carries a series of relocations (node evacuation) on one evolving cluster.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { DiskTemplate } from "../../objects/types";
import type { NodeInfo } from "../../rpc/node-rpc";
import type { NodeRpcRunner } from "../../rpc/rpc-runner";
import { nodeEvacInstance } from "../../htools/allocation/evacuate";
import type { AllocOptions, EvacMode, InstanceList, NodeList } from "../../htools/allocation/types";
import { instanceMirror } from "../../htools/allocation/templates";
import type { Reservation } from "../../htools/backends/config-data";
import { configClusterData, diskSpaceTotal } from "../../htools/backends/config-data";
import type { ClusterData } from "../../htools/cluster-data";
import type { Instance as HtoolsInstance } from "../../htools/instance";
import { createInstance } from "../../htools/instance";
import { finalizeCluster } from "../../htools/loader";
import { extractDesiredLocations, extractExclusionTags } from "../../htools/tags";

/** A cluster loaded for hail, with the way back from htools' names to configuration UUIDs. */
export type HailCluster = {
  data: ClusterData;
  /** Node UUID of an htools node index. */
  nodeUuid(idx: number): string;
  /** htools node index of a node UUID (undefined: not in the data). */
  nodeIndex(uuid: string): number | undefined;
  /** htools instance index of an instance UUID. */
  instanceIndex(uuid: string): number | undefined;
};

/** Reads every node that is not offline, builds the htools cluster and runs Ganeti's loading steps on it. */
export async function loadHailCluster(config: ConfigStore, rpc: NodeRpcRunner, reservations: ReadonlyMap<string, Reservation>): Promise<HailCluster> {
  const nodes = config.nodes();
  const nodeInfo = new Map<string, NodeInfo>();
  const online = nodes.filter((n) => !n.offline && n.vm_capable).map((n) => n.uuid);
  for (const [uuid, result] of await rpc.each(online, (r) => r.nodeInfo())) if (result.ok) nodeInfo.set(uuid, result.value);
  const instances = config.instances();
  const disks = new Map(instances.flatMap((i) => config.instanceDisks(i)).map((d) => [d.uuid, d]));
  const raw = configClusterData({
    cluster: config.cluster,
    masterNode: config.cluster.master_node,
    groups: config.groups(),
    nodes,
    instances,
    disks,
    nodeInfo,
    reservations,
  });
  const { data } = finalizeCluster(raw);
  const uuidByName = new Map(nodes.map((n) => [n.name, n.uuid]));
  const nodeIdx = new Map(data.nodes.map((n) => [uuidByName.get(n.name)!, n.idx]));
  const instanceUuidByName = new Map(instances.map((i) => [i.name, i.uuid]));
  const instanceIdx = new Map(data.instances.map((i) => [instanceUuidByName.get(i.name)!, i.idx]));
  return {
    data,
    nodeUuid: (idx) => uuidByName.get(data.nodes[idx]!.name)!,
    nodeIndex: (uuid) => nodeIdx.get(uuid),
    instanceIndex: (uuid) => instanceIdx.get(uuid),
  };
}

export type NewInstanceSpec = {
  name: string;
  memory: number;
  vcpus: number;
  diskTemplate: DiskTemplate;
  disks: Array<{ size: number; spindles: number | null }>;
  spindleUse: number;
  tags: string[];
  /** Networks of the NICs (null: not on a network). */
  networks: Array<string | null>;
};

/** The instance of an allocate request, as Ganeti's IAlloc parses it (running, auto-balanced, tags classified). */
export function newHtoolsInstance(data: ClusterData, spec: NewInstanceSpec): HtoolsInstance {
  const inst = createInstance({
    name: spec.name,
    mem: spec.memory,
    dsk: diskSpaceTotal(spec.diskTemplate, spec.disks.map((d) => d.size)),
    disks: spec.disks.map((d) => ({ size: d.size, spindles: d.spindles })),
    vcpus: spec.vcpus,
    runSt: "running",
    tags: spec.tags,
    autoBalance: true,
    diskTemplate: spec.diskTemplate,
    spindleUse: spec.spindleUse,
    nics: spec.networks.map((network) => ({ network })),
  });
  const exclusion = extractExclusionTags(data.clusterTags);
  const desired = extractDesiredLocations(data.clusterTags);
  return {
    ...inst,
    exclTags: inst.allTags.filter((t) => exclusion.some((p) => t.startsWith(p))),
    dsrdLocTags: new Set(inst.allTags.filter((t) => desired.some((p) => t.startsWith(p)))),
  };
}

/**
 * A series of moves decided on one cluster state, each seeing the ones before (Ganeti's node-evacuate and relocate
 * logic, Cluster/Evacuate.hs): failing a DRBD instance over to its secondary, and finding a new secondary (DRBD) or
 * primary (shared storage) in the instance's group. Failures are hail's reasons, as OpPrereqError.
 */
export class HailPlan {
  private nodes: NodeList;
  private instances: InstanceList;

  constructor(
    private readonly cluster: HailCluster,
    private readonly options: AllocOptions = {},
  ) {
    this.nodes = cluster.data.nodes;
    this.instances = cluster.data.instances;
  }

  /** Fails a DRBD instance over to its secondary; returns the new primary's UUID. */
  failover(instanceUuid: string): string {
    const inst = this.instance(instanceUuid);
    return this.evacuate(inst, "primary-only", [])[0]!;
  }

  /** A new secondary (DRBD) or primary (shared storage) for the instance, not on `exclude` (node UUIDs). */
  relocate(instanceUuid: string, exclude: readonly string[]): string {
    const inst = this.instance(instanceUuid);
    const mirror = instanceMirror(inst);
    const mode: EvacMode = mirror === "internal" ? "secondary-only" : "primary-only";
    const nodes = this.evacuate(inst, mode, exclude);
    return mirror === "internal" ? nodes[1]! : nodes[0]!;
  }

  private instance(uuid: string): HtoolsInstance {
    const idx = this.cluster.instanceIndex(uuid);
    const inst = idx === undefined ? undefined : this.instances[idx];
    if (!inst) throw new OpPrereqError(`Instance '${uuid}' is not known to the allocator`, "internal_error");
    return inst;
  }

  /** nodeEvacInstance over the instance's group, without the excluded nodes, offline nodes and its own nodes. */
  private evacuate(inst: HtoolsInstance, mode: EvacMode, exclude: readonly string[]): string[] {
    const gdx = this.nodes[inst.pNode]!.group;
    const excluded = new Set(exclude.map((u) => this.cluster.nodeIndex(u)).filter((k): k is number => k !== undefined));
    excluded.add(inst.pNode);
    excluded.add(inst.sNode);
    const avail: number[] = [];
    for (const n of this.nodes) if (n && n.group === gdx && !n.offline && !excluded.has(n.idx)) avail.push(n.idx);
    const r = nodeEvacInstance(this.options, this.nodes, this.instances, mode, inst, gdx, avail);
    if (!r.ok) throw new OpPrereqError(r.error, "insufficient_resources");
    this.nodes = r.value.nodes;
    this.instances = r.value.instances;
    const moved = this.instances[inst.idx]!;
    return moved.sNode < 0 ? [this.cluster.nodeUuid(moved.pNode)] : [this.cluster.nodeUuid(moved.pNode), this.cluster.nodeUuid(moved.sNode)];
  }
}
