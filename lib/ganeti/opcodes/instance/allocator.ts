// The instance allocator behind `-I hail` and node evacuation: Ganeti's hail, run in-process on the cluster as the
// configuration and the nodes' live information describe it (what Ganeti's master would send it in an iallocator
// request). It also keeps reservations for placements in flight, so parallel jobs do not count the same free memory
// or disk twice: they are taken away from the nodes' free resources in the data hail sees.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import { allocateInGroup, allocateInstance } from "../../htools/allocation/allocate";
import type { AllocOptions } from "../../htools/allocation/types";
import type { Reservation } from "../../htools/backends/config-data";
import type { DiskTemplate, HypervisorName } from "../../objects/types";
import { nodeRunsHypervisor } from "../common";
import type { NodeInfo } from "../../rpc/node-rpc";
import type { NodeRpcRunner } from "../../rpc/rpc-runner";
import { HailPlan, loadHailCluster, newHtoolsInstance } from "./hail-cluster";

export type AllocationRequest = {
  name: string;
  /** Only nodes that run it are considered (virtual nodes run fake, real hosts kvm) when the cluster has any; any node when not given. */
  hypervisor?: HypervisorName;
  /** The instance's memory (beparams maxmem); hail counts it on the primary, as Ganeti's allocate request does. */
  memory: number;
  vcpus: number;
  /** MiB of local storage needed on each node. */
  diskUsage: number;
  needsSecondary: boolean;
  /** Group UUID to allocate in (otherwise hail picks the best group). */
  group?: string;
  /** Node UUIDs not to use. */
  excludeNodes?: string[];
  /** The instance as hail sees it; without these, one disk of `diskUsage` on plain (drbd with a secondary). */
  diskTemplate?: DiskTemplate;
  disks?: Array<{ size: number; spindles: number | null }>;
  spindleUse?: number;
  tags?: string[];
  /** The networks of the instance's NICs (null: not on a network). */
  networks?: Array<string | null>;
};

export type Placement = { primary: string; secondary?: string };

/** A new node for an existing mirrored instance (hail's relocate): a new secondary (DRBD) or primary (shared storage). */
export type RelocationRequest = { instance: string; exclude: string[] };

export type NodeResources = { memoryFree: number; storageFree: number; bootid: string };

/** A series of relocations on one evolving view of the cluster (node evacuation). */
export interface AllocationPlan {
  /** Records that a DRBD instance fails over (or migrates) to its secondary; returns the new primary. */
  failover(instanceUuid: string): string;
  /** A new secondary (DRBD) or primary (shared storage) for the instance, not on `exclude`; returns its UUID. */
  relocate(instanceUuid: string, exclude: readonly string[]): string;
}

export interface InstanceAllocator {
  readonly name: string;
  allocate(config: ConfigStore, rpc: NodeRpcRunner, request: AllocationRequest): Promise<Placement>;
  relocate(config: ConfigStore, rpc: NodeRpcRunner, request: RelocationRequest): Promise<string>;
  plan(config: ConfigStore, rpc: NodeRpcRunner, options?: { ignoreSoftErrors?: boolean }): Promise<AllocationPlan>;
  /** Live free resources of a node minus what jobs in flight have reserved (null when it does not answer). */
  resources(rpc: NodeRpcRunner, node: string): Promise<NodeResources | null>;
  reserve(owner: number, node: string, memory: number, storage: number): void;
  release(owner: number): void;
}

export class HailAllocator implements InstanceAllocator {
  readonly name = "hail";
  private readonly reservations = new Map<number, Array<{ node: string; memory: number; storage: number }>>();

  async resources(rpc: NodeRpcRunner, node: string): Promise<NodeResources | null> {
    let info: NodeInfo;
    try {
      info = await rpc.node(node).nodeInfo();
    } catch {
      return null;
    }
    const held = this.reserved().get(node) ?? { memory: 0, storage: 0 };
    return { memoryFree: info.memory_free - held.memory, storageFree: info.storage_free - held.storage, bootid: info.bootid };
  }

  reserve(owner: number, node: string, memory: number, storage: number): void {
    const list = this.reservations.get(owner) ?? [];
    list.push({ node, memory, storage });
    this.reservations.set(owner, list);
  }

  release(owner: number): void {
    this.reservations.delete(owner);
  }

  /** Everything held for jobs in flight, per node. */
  private reserved(): Map<string, Reservation> {
    const out = new Map<string, Reservation>();
    for (const list of this.reservations.values()) {
      for (const r of list) {
        const sum = out.get(r.node) ?? { memory: 0, storage: 0 };
        out.set(r.node, { memory: sum.memory + r.memory, storage: sum.storage + r.storage });
      }
    }
    return out;
  }

  async allocate(config: ConfigStore, rpc: NodeRpcRunner, request: AllocationRequest): Promise<Placement> {
    const cluster = await loadHailCluster(config, rpc, this.reserved());
    const { data } = cluster;
    const template = request.diskTemplate ?? (request.needsSecondary ? "drbd" : "plain");
    const inst = newHtoolsInstance(data, {
      name: request.name,
      memory: request.memory,
      vcpus: request.vcpus,
      diskTemplate: template,
      disks: request.disks ?? (template === "diskless" ? [] : [{ size: request.diskUsage, spindles: null }]),
      spindleUse: request.spindleUse ?? 1,
      tags: request.tags ?? [],
      networks: request.networks ?? [],
    });
    const options: AllocOptions = {};
    // Only nodes that run the instance's hypervisor, when the cluster has any: a stopped instance may be made on a
    // cluster with none (it cannot start there, and creation says so).
    const unfit = request.hypervisor ? config.nodes().filter((n) => !nodeRunsHypervisor(n, request.hypervisor!)).map((n) => n.uuid) : [];
    const excludedUuids = [...(request.excludeNodes ?? []), ...(unfit.length < config.nodes().length ? unfit : [])];
    if (excludedUuids.length) {
      const excluded = new Set(excludedUuids.map((uuid) => cluster.nodeIndex(uuid)));
      options.restrictToNodes = data.nodes.filter((n) => !excluded.has(n.idx)).map((n) => n.name);
    }
    const count = request.needsSecondary ? 2 : 1;
    const gdx = request.group === undefined ? undefined : data.groups.find((g) => g.uuid === request.group)?.idx;
    if (request.group !== undefined && gdx === undefined) {
      throw new OpPrereqError(`Can't compute nodes using iallocator '${this.name}': Request failed: Wrong number of elems found with name ${request.group}`, "insufficient_resources");
    }
    const result = gdx === undefined ? allocateInstance(data, inst, count, options) : allocateInGroup(data, gdx, inst, count, options);
    if (!result.ok) {
      throw new OpPrereqError(`Can't compute nodes using iallocator '${this.name}': Request failed: ${result.message}`, "insufficient_resources");
    }
    const [primary, secondary] = result.nodes.map((idx) => cluster.nodeUuid(idx));
    return secondary === undefined ? { primary: primary! } : { primary: primary!, secondary };
  }

  async relocate(config: ConfigStore, rpc: NodeRpcRunner, request: RelocationRequest): Promise<string> {
    const plan = await this.plan(config, rpc);
    try {
      return plan.relocate(request.instance, request.exclude);
    } catch (error) {
      if (!(error instanceof OpPrereqError)) throw error;
      throw new OpPrereqError(`Can't compute nodes using iallocator '${this.name}': Request failed: ${error.message}`, "insufficient_resources");
    }
  }

  async plan(config: ConfigStore, rpc: NodeRpcRunner, options: { ignoreSoftErrors?: boolean } = {}): Promise<AllocationPlan> {
    return new HailPlan(await loadHailCluster(config, rpc, this.reserved()), { ignoreSoftErrors: options.ignoreSoftErrors ?? false });
  }
}
