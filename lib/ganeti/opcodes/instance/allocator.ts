// Placement of new instances for `-I hail` and evacuation targets. Until the htools issue brings hail itself, this
// is a simple allocator behind the same interface: the online, undrained, vm-capable node with the most free
// memory in the best-allowed group, and for DRBD a second node of the same group with the most free storage.
// It also keeps reservations for placements in flight, so parallel jobs do not count the same free memory twice.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { NodeInfo } from "../../rpc/node-rpc";
import type { NodeRpcRunner } from "../../rpc/rpc-runner";

export type AllocationRequest = {
  name: string;
  memory: number;
  vcpus: number;
  /** MiB of local storage needed on each node. */
  diskUsage: number;
  needsSecondary: boolean;
  group?: string;
  excludeNodes?: string[];
};

export type Placement = { primary: string; secondary?: string };

export type NodeResources = { memoryFree: number; storageFree: number; bootid: string };

export interface InstanceAllocator {
  readonly name: string;
  allocate(config: ConfigStore, rpc: NodeRpcRunner, request: AllocationRequest): Promise<Placement>;
  /** Live free resources of a node minus what jobs in flight have reserved (null when it does not answer). */
  resources(rpc: NodeRpcRunner, node: string): Promise<NodeResources | null>;
  reserve(owner: number, node: string, memory: number, storage: number): void;
  release(owner: number): void;
}

export class SimpleAllocator implements InstanceAllocator {
  readonly name = "hail";
  private readonly reservations = new Map<number, Array<{ node: string; memory: number; storage: number }>>();

  async resources(rpc: NodeRpcRunner, node: string): Promise<NodeResources | null> {
    let info: NodeInfo;
    try {
      info = await rpc.node(node).nodeInfo();
    } catch {
      return null;
    }
    let memory = 0;
    let storage = 0;
    for (const list of this.reservations.values()) {
      for (const r of list) {
        if (r.node !== node) continue;
        memory += r.memory;
        storage += r.storage;
      }
    }
    return { memoryFree: info.memory_free - memory, storageFree: info.storage_free - storage, bootid: info.bootid };
  }

  reserve(owner: number, node: string, memory: number, storage: number): void {
    const list = this.reservations.get(owner) ?? [];
    list.push({ node, memory, storage });
    this.reservations.set(owner, list);
  }

  release(owner: number): void {
    this.reservations.delete(owner);
  }

  async allocate(config: ConfigStore, rpc: NodeRpcRunner, request: AllocationRequest): Promise<Placement> {
    const excluded = new Set(request.excludeNodes ?? []);
    const usable = config.nodes().filter((n) => n.vm_capable && !n.offline && !n.drained && !excluded.has(n.uuid));
    const order = { preferred: 0, last_resort: 1, unallocable: 2 } as const;
    const groups = config
      .groups()
      .filter((g) => g.alloc_policy !== "unallocable" && (!request.group || g.uuid === request.group))
      .sort((a, b) => order[a.alloc_policy] - order[b.alloc_policy] || a.name.localeCompare(b.name));
    const free = new Map<string, NodeResources>();
    await Promise.all(
      usable.map(async (n) => {
        const r = await this.resources(rpc, n.uuid);
        if (r) free.set(n.uuid, r);
      }),
    );
    for (const group of groups) {
      const members = usable.filter((n) => n.group === group.uuid && free.has(n.uuid));
      const primaries = members
        .filter((n) => free.get(n.uuid)!.memoryFree >= request.memory && free.get(n.uuid)!.storageFree >= request.diskUsage)
        .sort((a, b) => free.get(b.uuid)!.memoryFree - free.get(a.uuid)!.memoryFree || a.name.localeCompare(b.name));
      for (const primary of primaries) {
        if (!request.needsSecondary) return { primary: primary.uuid };
        const secondary = members
          .filter((n) => n.uuid !== primary.uuid && free.get(n.uuid)!.storageFree >= request.diskUsage)
          .sort((a, b) => free.get(b.uuid)!.storageFree - free.get(a.uuid)!.storageFree || a.name.localeCompare(b.name))[0];
        if (secondary) return { primary: primary.uuid, secondary: secondary.uuid };
      }
    }
    throw new OpPrereqError(
      `Can't compute nodes using iallocator '${this.name}': Request failed: Can't find any good node for ${request.name} ` +
        `(${request.memory} MiB memory, ${request.diskUsage} MiB disk${request.needsSecondary ? " on two nodes" : ""})`,
      "insufficient_resources",
    );
  }
}
