// Seeded random iallocator requests (test and bench support): small multi-group clusters with mixed templates,
// states, offline and drained nodes, location / exclusion / migration tags, exclusive storage, networks, and
// every request type. The same seed gives the same JSON, so hail can be compared with Ganeti's on it.
import { createRng, type Rng } from "../testing/random-cluster";

type Json = Record<string, unknown>;

const spec = (mem: number, cpu: number, disk: number, dc: number, nic: number, su: number) => ({
  "memory-size": mem,
  "cpu-count": cpu,
  "disk-size": disk,
  "disk-count": dc,
  "nic-count": nic,
  "spindle-use": su,
});

function ipolicy(rng: Rng): Json {
  const templates = ["sharedfile", "diskless", "plain", "blockdev", "drbd", "file", "rbd", "ext"];
  return {
    std: spec(128, 1, 1024, 1, 1, 1),
    minmax: [{ min: spec(128, 1, 128, 1, 1, 1), max: spec(rng.chance(0.2) ? 2048 : 32768, 8, 1048576, 16, 8, 8) }],
    "vcpu-ratio": rng.chance(0.2) ? rng.pick([1, 2, 8]) : 4,
    "disk-templates": rng.chance(0.2) ? templates.filter(() => rng.chance(0.6)) : templates,
    "spindle-ratio": 32,
  };
}

export type RandomRequestOptions = {
  /** Let some instances be forthcoming (default false). */
  forthcoming?: boolean;
  /** Force a request type. */
  type?: "allocate" | "relocate" | "node-evacuate" | "change-group" | "multi-allocate" | "allocate-secondary";
};

/** A random iallocator request as JSON text. */
export function randomIAllocatorRequest(seed: number, options: RandomRequestOptions = {}): string {
  const rng = createRng(seed);
  const groupCount = rng.pick([1, 1, 2, 3]);
  const groups: Record<string, Json> = {};
  for (let g = 0; g < groupCount; g++) {
    groups[`uuid-${g}`] = {
      name: `grp${g}`,
      alloc_policy: g === 0 ? rng.pick(["preferred", "preferred", "last_resort"]) : rng.pick(["preferred", "preferred", "last_resort", "unallocable"]),
      networks: rng.pick([[], ["net1"], ["net1", "net2"]]),
      ipolicy: ipolicy(rng),
      tags: [],
    };
  }
  const location = rng.chance(0.3);
  const exclusive = rng.chance(0.15);
  const nodes: Record<string, Json & { group: string; free_memory: number; free_disk: number; free_spindles: number; reserved_memory: number }> = {};
  const byGroup = new Map<string, string[]>();
  let k = 0;
  for (let g = 0; g < groupCount; g++) {
    for (let n = rng.int(1, 6); n > 0; n--) {
      const name = `node${++k}`;
      const mem = rng.pick([4096, 8192, 16384, 32768]);
      const dsk = rng.pick([102400, 409600, 1024000]);
      const spindles = rng.pick([4, 12, 24]);
      const tags: string[] = [];
      if (location) tags.push(`rack:${rng.int(1, 3)}`);
      if (rng.chance(0.2)) tags.push(`mig:${rng.pick(["a", "b"])}`);
      nodes[name] = {
        total_memory: mem,
        reserved_memory: rng.pick([0, 512, 1024]),
        free_memory: mem,
        total_disk: dsk,
        free_disk: dsk,
        total_cpus: rng.pick([2, 4, 8, 16]),
        reserved_cpus: 1,
        offline: rng.chance(0.08),
        drained: rng.chance(0.08),
        group: `uuid-${g}`,
        tags,
        ndparams: { spindle_count: rng.pick([1, 2]), exclusive_storage: exclusive },
        total_spindles: spindles,
        free_spindles: spindles,
        vm_capable: !rng.chance(0.03),
      };
      byGroup.set(`uuid-${g}`, [...(byGroup.get(`uuid-${g}`) ?? []), name]);
    }
  }
  const instances: Record<string, Json & { nodes: string[]; disk_template: string; memory: number; disk_space_total: number; admin_state: string; forthcoming?: boolean; disks: Array<{ spindles: number }> }> = {};
  for (let i = rng.int(0, 25); i > 0; i--) {
    const tmpl = rng.pick(["drbd", "drbd", "plain", "ext", "diskless", "file", "sharedfile", "rbd"]);
    const members = byGroup.get(rng.pick([...byGroup.keys()]))!;
    if (tmpl === "drbd" && members.length < 2) continue;
    const first = rng.pick(members);
    const placed = tmpl === "drbd" ? [first, rng.pick(members.filter((m) => m !== first))] : [first];
    const dsk = tmpl === "diskless" ? 0 : rng.pick([1024, 10240, 51200]);
    const inst = {
      disks: [{ size: dsk, mode: "rw", spindles: rng.pick([1, 2]) }],
      disk_space_total: tmpl === "drbd" ? dsk + 128 : dsk,
      memory: rng.pick([128, 512, 1024, 2048, 4096]),
      vcpus: rng.pick([1, 2, 4]),
      tags: [rng.pick(["svc:web", "svc:db", null]), rng.pick(["pref:rack:1", null])].filter((t): t is string => t !== null),
      disk_template: tmpl,
      spindle_use: 1,
      nics: [],
      nodes: placed,
      admin_state: rng.pick(["up", "up", "down", "offline"]),
      ...(options.forthcoming && rng.chance(0.15) ? { forthcoming: true } : {}),
    };
    instances[`inst${i}`] = inst;
  }
  // Reported free resources agree with the instances, with some unexplained memory here and there.
  for (const inst of Object.values(instances)) {
    if (inst.forthcoming) continue;
    const p = nodes[inst.nodes[0]!]!;
    if (inst.admin_state === "up") p.free_memory -= inst.memory;
    if (inst.disk_template === "drbd" || inst.disk_template === "plain") {
      for (const n of inst.nodes) {
        nodes[n]!.free_disk -= inst.disk_space_total;
        if (exclusive) nodes[n]!.free_spindles -= inst.disks[0]!.spindles;
      }
    }
  }
  for (const n of Object.values(nodes)) {
    n.free_memory -= n.reserved_memory;
    if (rng.chance(0.15)) n.free_memory -= rng.pick([300, 1000]);
  }
  const clusterTags: string[] = [];
  if (rng.chance(0.5)) clusterTags.push("htools:iextags:svc");
  if (location) clusterTags.push("htools:nlocation:rack");
  if (rng.chance(0.3)) clusterTags.push("htools:desiredlocation:pref");
  if (rng.chance(0.2)) clusterTags.push("htools:migration:mig");
  const newInstance = (name: string): Json => {
    const tmpl = rng.pick(["drbd", "drbd", "plain", "ext", "diskless", "file", "sharedfile"]);
    const dsk = rng.pick([1024, 10240, 20480]);
    return {
      name,
      required_nodes: tmpl === "drbd" ? 2 : 1,
      disk_space_total: dsk,
      disks: [{ size: dsk, mode: "rw", spindles: 1 }],
      memory: rng.pick([128, 1024, 2048, 4096]),
      vcpus: rng.pick([1, 2]),
      tags: [rng.pick(["svc:web", "svc:db", null]), rng.pick(["pref:rack:2", null])].filter((t): t is string => t !== null),
      disk_template: tmpl,
      spindle_use: 1,
      nics: rng.pick([[], [{ network: "net1" }], [{ network: "net2", mode: "bridged" }]]),
    };
  };
  const names = Object.keys(instances);
  const nodeNames = Object.keys(nodes);
  const kinds = ["allocate", "allocate", "allocate", "allocate", "relocate", "node-evacuate", "change-group", "multi-allocate", "allocate-secondary"] as const;
  let kind: (typeof kinds)[number] = options.type ?? rng.pick(kinds);
  if (names.length === 0 && kind !== "multi-allocate") kind = "allocate";
  let request: Json;
  const sample = <T>(xs: readonly T[], n: number) => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    return out;
  };
  switch (kind) {
    case "allocate":
      request = { ...newInstance("new1"), type: "allocate" };
      if (rng.chance(0.15)) request.group_name = (groups[rng.pick(Object.keys(groups))]!.name as string);
      if (rng.chance(0.1)) request["restrict-to-nodes"] = sample(nodeNames, 3);
      break;
    case "multi-allocate":
      request = { type: kind, instances: Array.from({ length: rng.int(1, 4) }, (_, j) => newInstance(`new${j}`)) };
      break;
    case "relocate": {
      const drbd = names.filter((n) => instances[n]!.disk_template === "drbd");
      const name = rng.pick(drbd.length ? drbd : names);
      const inst = instances[name]!;
      request = { type: kind, name, required_nodes: 1, relocate_from: [inst.disk_template === "drbd" ? inst.nodes[1] : inst.nodes[0]] };
      break;
    }
    case "node-evacuate":
      request = { type: kind, instances: sample(names, rng.int(1, 4)), evac_mode: rng.pick(["primary-only", "secondary-only", "all"]) };
      break;
    case "change-group":
      request = { type: kind, instances: sample(names, rng.int(1, 3)), target_groups: rng.pick([[], [rng.pick(Object.keys(groups))]]) };
      break;
    case "allocate-secondary": {
      const plain = names.filter((n) => instances[n]!.disk_template === "plain");
      request = { type: kind, name: rng.pick(plain.length ? plain : names) };
      break;
    }
  }
  return JSON.stringify({
    cluster_tags: clusterTags,
    nodegroups: groups,
    nodes,
    instances,
    request,
    enabled_hypervisors: [rng.pick(["xen-pvm", "xen-pvm", "kvm"])],
  });
}
