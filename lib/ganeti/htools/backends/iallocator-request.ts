// A cluster and an allocate request written as Ganeti's iallocator input (what Ganeti's master sends hail), so that
// what Gantry's in-process hail sees can be handed to Ganeti's own hail binary and the answers compared, or kept to
// reproduce a placement.
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import type { IPolicy, ISpec } from "../types";

const ispec = (s: ISpec) => ({
  "memory-size": s.memorySize,
  "cpu-count": s.cpuCount,
  "disk-size": s.diskSize,
  "disk-count": s.diskCount,
  "nic-count": s.nicCount,
  "spindle-use": s.spindleUse,
});

export const ipolicyJson = (p: IPolicy) => ({
  minmax: p.minmax.map((m) => ({ min: ispec(m.min), max: ispec(m.max) })),
  std: ispec(p.std),
  "disk-templates": p.diskTemplates,
  "vcpu-ratio": p.vcpuRatio,
  "spindle-ratio": p.spindleRatio,
});

const adminState = (i: Instance) => (i.runSt === "ADMIN_offline" ? "offline" : i.runSt === "running" || i.runSt.startsWith("ERROR") ? "up" : "down");

const instanceJson = (i: Instance) => ({
  disk_space_total: i.dsk,
  disks: i.disks.map((d) => ({ size: d.size, spindles: d.spindles, mode: "rw" })),
  memory: i.mem,
  vcpus: i.vcpus,
  tags: i.allTags,
  disk_template: i.diskTemplate,
  spindle_use: i.spindleUse,
  nics: i.nics.map((n) => ({ mac: n.mac ?? null, ip: n.ip ?? null, network: n.network ?? null })),
  admin_state: adminState(i),
});

/**
 * The iallocator message for allocating `inst` on `requiredNodes` nodes. Node live values are written as the
 * cluster holds them; nodes that are offline to htools are written offline. The hypervisor is "fake", so Ganeti's
 * hail takes the nodes' own memory as given (it replaces it by a static value on KVM clusters).
 */
export function serializeAllocateRequest(data: ClusterData, inst: Instance, requiredNodes: 1 | 2, group?: string): string {
  const nodeName = (idx: number) => data.nodes[idx]!.name;
  const message = {
    cluster_tags: data.clusterTags,
    enabled_hypervisors: ["fake"],
    ipolicy: ipolicyJson(data.ipolicy),
    nodegroups: Object.fromEntries(
      data.groups.map((g) => [g.uuid, { name: g.name, alloc_policy: g.allocPolicy, networks: g.networks, ipolicy: ipolicyJson(g.ipolicy), tags: g.tags }]),
    ),
    nodes: Object.fromEntries(
      data.nodes.map((n) => [
        n.name,
        {
          offline: n.offline,
          drained: false,
          group: data.groups[n.group]!.uuid,
          vm_capable: true,
          ndparams: { exclusive_storage: n.exclStorage, spindle_count: n.tSpindles },
          tags: n.nTags,
          total_spindles: n.tSpindles,
          free_spindles: n.fSpindles,
          total_memory: n.tMem,
          reserved_memory: n.nMem,
          free_memory: n.fMem,
          total_disk: n.tDsk,
          free_disk: n.fDsk,
          total_cpus: n.tCpu,
          reserved_cpus: n.nCpu,
        },
      ]),
    ),
    instances: Object.fromEntries(
      data.instances.map((i) => [i.name, { ...instanceJson(i), nodes: i.sNode < 0 ? [nodeName(i.pNode)] : [nodeName(i.pNode), nodeName(i.sNode)] }]),
    ),
    request: {
      type: "allocate",
      name: inst.name,
      ...instanceJson(inst),
      required_nodes: requiredNodes,
      os: "noop",
      hypervisor: "fake",
      ...(group === undefined ? {} : { group_name: group }),
    },
  };
  return JSON.stringify(message);
}
