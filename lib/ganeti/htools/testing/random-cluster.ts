// Seeded random clusters for invariant tests and benchmarks: nodes in groups with mixed sizes, instances of every
// common template placed through the model's own addPri/addSec (so the recorded free memory and disk agree with the
// instances), exclusion and location tags, some offline nodes. The same seed always gives the same cluster, both as
// finalized ClusterData and as Ganeti's text format so Ganeti's binaries can read it too.
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Instance } from "../instance";
import { createInstance, NO_SECONDARY, usesMemory } from "../instance";
import { finalizeCluster } from "../loader";
import type { Node } from "../node";
import { availMem, createNode, setPolicy } from "../node";
import { addPriEx, addSecExEx } from "../node-placement";
import { serializeTextData } from "../backends/text";
import { EXCLUSION_TAGS_PREFIX, LOCATION_PREFIX, MIGRATION_PREFIX } from "../tags";
import type { DiskTemplate, InstanceStatus, IPolicy, ISpec } from "../types";
import { DISK_TEMPLATES } from "../types";

// ---- the PRNG ---------------------------------------------------------------------------------------------------

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
};

/** mulberry32: tiny, fast and good enough to vary test data; any 32-bit seed. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of items) {
        x -= w;
        if (x < 0) return v;
      }
      return items[items.length - 1]![0];
    },
  };
}

// ---- options ------------------------------------------------------------------------------------------------------

export type RandomClusterOptions = {
  /** Number of nodes, or a range to draw from (default 2–60). */
  nodes?: number | readonly [number, number];
  /** Number of node groups, or a range (default 1–3; never more than nodes / 2). */
  groups?: number | readonly [number, number];
  /** Template weights of new instances (default a mix of drbd, plain, diskless, file, sharedfile and ext). */
  templates?: ReadonlyArray<readonly [DiskTemplate, number]>;
  /** Fraction of the nodes' memory to fill with instances (default 0.2–0.8). */
  fill?: number;
  /** Put instances on the first third of each group's nodes by preference, so hbal has work (default: 1 seed in 3). */
  unbalanced?: boolean;
  /** How strongly an unbalanced cluster prefers the first third: the share of instances put there (default 0.8). */
  skew?: number;
  /** Fraction of nodes marked offline after placement, with their instances (default: 1 seed in 3 gets ~10 %). */
  offline?: number;
  /** Exclusion, location and migration tags (default true). */
  tags?: boolean;
  /** Location (rack) tags on the nodes, when tags are on (default true). */
  locationTags?: boolean;
  /** Fraction of instances placed ignoring the soft checks (N+1, vcpu ratio, tags), so the cluster starts with
   *  problems to fix (default 0.03). */
  forced?: number;
  /** Node sizes: "mixed" (default) or "uniform" (every node the same, as a bench cluster). */
  sizes?: "mixed" | "uniform";
  /** Cluster ipolicy disk templates, first one is hspace's default (default: drbd first). */
  firstTemplate?: DiskTemplate;
  /** One policy for the cluster and every group instead of random ones. */
  policy?: IPolicy;
};

export type RandomCluster = {
  seed: number;
  /** The cluster as a backend hands it to the tools (finalizeCluster applied). */
  data: ClusterData;
  /** The same cluster before finalizeCluster (what parseTextData of `text` gives). */
  raw: ClusterData;
  /** Ganeti's text format of the cluster (`-t FILE`). */
  text: string;
  /** Loader warnings (nodes missing memory or disk); empty by construction. */
  warnings: string[];
};

const DEFAULT_TEMPLATES: ReadonlyArray<readonly [DiskTemplate, number]> = [
  ["drbd", 50],
  ["plain", 15],
  ["diskless", 8],
  ["file", 7],
  ["sharedfile", 10],
  ["ext", 10],
];

const STATUSES: ReadonlyArray<readonly [InstanceStatus, number]> = [
  ["running", 85],
  ["ADMIN_down", 7],
  ["ADMIN_offline", 4],
  ["ERROR_down", 2],
  ["ERROR_up", 2],
];

const DOMAIN = ".gantry.example";
const SERVICES = ["web", "db", "dns", "mail", "cache"];

const range = (rng: Rng, v: number | readonly [number, number] | undefined, dflt: readonly [number, number]): number => {
  if (typeof v === "number") return v;
  const [lo, hi] = v ?? dflt;
  return rng.int(lo, hi);
};

// ---- policies ------------------------------------------------------------------------------------------------------

function randomPolicy(rng: Rng, firstTemplate: DiskTemplate): IPolicy {
  const min: ISpec = { memorySize: 128, cpuCount: 1, diskSize: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 };
  const max: ISpec = {
    memorySize: rng.pick([16384, 32768, 65536]),
    cpuCount: rng.pick([8, 16]),
    diskSize: rng.pick([262144, 524288, 1048576]),
    diskCount: 16,
    nicCount: 8,
    spindleUse: 12,
  };
  const std: ISpec = { memorySize: rng.pick([512, 1024, 2048]), cpuCount: rng.pick([1, 2]), diskSize: rng.pick([4096, 10240]), diskCount: 1, nicCount: 1, spindleUse: 1 };
  const rest = DISK_TEMPLATES.filter((t) => t !== firstTemplate);
  return {
    minmax: [{ min, max }],
    std,
    diskTemplates: [firstTemplate, ...rest],
    vcpuRatio: rng.pick([2, 4, 4, 8]),
    spindleRatio: rng.pick([16, 32]),
  };
}

// ---- nodes ---------------------------------------------------------------------------------------------------------

type NodeShape = { tMem: number; nMem: number; tDsk: number; tCpu: number; spindles: number; osCpu: number; cpuSpeed: number };

function nodeShape(rng: Rng, sizes: "mixed" | "uniform"): NodeShape {
  if (sizes === "uniform") return { tMem: 65536, nMem: 1024, tDsk: 2097152, tCpu: 16, spindles: 4, osCpu: 1, cpuSpeed: 1 };
  return {
    tMem: rng.pick([8192, 16384, 32768, 65536, 131072]),
    nMem: rng.pick([256, 512, 1024, 2048]),
    tDsk: rng.pick([204800, 409600, 1048576, 2097152, 4194304]),
    tCpu: rng.pick([4, 8, 16, 32, 64]),
    spindles: rng.int(1, 12),
    osCpu: rng.int(1, 2),
    cpuSpeed: rng.weighted([
      [1, 8],
      [1.5, 1],
      [0.75, 1],
    ] as const),
  };
}

// ---- instances -----------------------------------------------------------------------------------------------------

function instanceSpec(rng: Rng, policy: IPolicy, node: NodeShape): { mem: number; dsk: number; vcpus: number } {
  const max = policy.minmax[0]!.max;
  const memCap = Math.min(max.memorySize, Math.floor(node.tMem / 4));
  const mem = Math.max(128, 128 * rng.int(1, Math.max(1, Math.floor(memCap / 128 / 4))) * rng.pick([1, 1, 2, 4]));
  const dskCap = Math.min(max.diskSize, Math.floor(node.tDsk / 8));
  const dsk = Math.max(1024, 1024 * rng.int(1, Math.max(1, Math.floor(dskCap / 1024 / 4))));
  const vcpus = rng.int(1, Math.min(max.cpuCount, 8));
  return { mem: Math.min(mem, memCap), dsk: Math.min(dsk, dskCap), vcpus };
}

function instanceTags(rng: Rng, withTags: boolean, locations: string[]): string[] {
  if (!withTags) return [];
  const tags: string[] = [];
  if (rng.chance(0.35)) tags.push(`service:${rng.pick(SERVICES)}`);
  if (rng.chance(0.2)) tags.push(rng.pick(["team:a", "team:b", "backup", "prod"]));
  if (locations.length > 0 && rng.chance(0.1)) tags.push(rng.pick(locations));
  return tags;
}

// ---- the generator -------------------------------------------------------------------------------------------------

/** A random cluster for `seed`; options narrow what is drawn. Deterministic: same seed and options, same cluster. */
export function randomCluster(seed: number, options: RandomClusterOptions = {}): RandomCluster {
  const rng = createRng(seed);
  const nodeCount = Math.max(1, range(rng, options.nodes, [2, 60]));
  const groupCount = Math.max(1, Math.min(range(rng, options.groups, [1, 3]), Math.max(1, Math.floor(nodeCount / 2))));
  const templates = options.templates ?? DEFAULT_TEMPLATES;
  const fill = options.fill ?? 0.2 + rng.next() * 0.6;
  const unbalanced = options.unbalanced ?? rng.chance(1 / 3);
  const offlineShare = options.offline ?? (rng.chance(1 / 3) ? 0.1 : 0);
  const withTags = options.tags ?? true;
  const withLocations = withTags && (options.locationTags ?? true);
  const skew = options.skew ?? 0.8;
  const forcedShare = options.forced ?? 0.03;
  const sizes = options.sizes ?? "mixed";
  const firstTemplate = options.firstTemplate ?? "drbd";

  // Cluster tags: exclusion by service, location by rack, migration by hypervisor version in some clusters.
  const withMigration = withTags && rng.chance(0.25);
  const clusterTags = withTags ? [`${EXCLUSION_TAGS_PREFIX}service`] : [];
  if (withLocations) clusterTags.push(`${LOCATION_PREFIX}rack`);
  if (withMigration) clusterTags.push(`${MIGRATION_PREFIX}hv`);
  if (withTags && rng.chance(0.5)) clusterTags.push("desc:generated");
  const racks = Math.max(1, Math.ceil(nodeCount / 8));
  const locations = withLocations ? Array.from({ length: racks }, (_, k) => `rack:r${k + 1}`) : [];

  const clusterPolicy = options.policy ?? randomPolicy(rng, firstTemplate);
  const groups: Group[] = Array.from({ length: groupCount }, (_, idx) => ({
    ...createGroup({
      name: `group-${idx + 1}`,
      uuid: `00000000-0000-4000-8000-${String(seed % 1e6).padStart(6, "0")}${String(idx + 1).padStart(6, "0")}`,
      allocPolicy: idx === 0 ? "preferred" : rng.pick(["preferred", "preferred", "last_resort"] as const),
      ipolicy: options.policy ?? (rng.chance(0.5) ? clusterPolicy : randomPolicy(rng, firstTemplate)),
      tags: rng.chance(0.2) ? ["generated"] : [],
    }),
    idx,
  }));

  // Nodes: every group gets at least two (when there are enough) so DRBD has somewhere to go.
  const shapes: NodeShape[] = [];
  const nodeGroup: number[] = [];
  const nodeTags: string[][] = [];
  for (let k = 0; k < nodeCount; k++) {
    shapes.push(nodeShape(rng, sizes));
    nodeGroup.push(k < groupCount * 2 ? k % groupCount : rng.int(0, groupCount - 1));
    const tags: string[] = [];
    if (withLocations && rng.chance(0.8)) tags.push(locations[Math.floor(k / 8)]!);
    if (withMigration) tags.push(rng.chance(0.8) ? "hv:new" : "hv:old");
    nodeTags.push(tags);
  }
  const name = (k: number) => `node-${String(k + 1).padStart(3, "0")}${DOMAIN}`;
  const working: Node[] = shapes.map((s, idx) => {
    const n = createNode({
      name: name(idx),
      tMem: s.tMem,
      nMem: s.nMem,
      fMem: s.tMem - s.nMem,
      tDsk: s.tDsk,
      fDsk: s.tDsk,
      tCpu: s.tCpu,
      nCpu: s.osCpu,
      tSpindles: s.spindles,
      fSpindles: s.spindles,
      group: nodeGroup[idx]!,
    });
    return setPolicy({ ...n, idx }, groups[nodeGroup[idx]!]!.ipolicy);
  });
  const members = groups.map((g) => working.filter((n) => n.group === g.idx).map((n) => n.idx));

  // Instances, until the memory target is reached or placements keep failing.
  const totalMem = shapes.reduce((s, x) => s + x.tMem - x.nMem, 0);
  const placed: Instance[] = [];
  let usedMem = 0;
  let failures = 0;
  const pickNode = (pool: number[], exclude: number): number | null => {
    const choices = pool.filter((k) => k !== exclude);
    if (choices.length === 0) return null;
    if (unbalanced && rng.chance(skew)) return choices[rng.int(0, Math.max(0, Math.ceil(choices.length / 3) - 1))]!;
    return rng.pick(choices);
  };
  while (usedMem < fill * totalMem && failures < 200 + nodeCount * 4) {
    const gdx = rng.int(0, groupCount - 1);
    const pool = members[gdx]!;
    const template = rng.weighted(templates);
    const pdx = pickNode(pool, -1);
    const sdx = template === "drbd" && pdx !== null ? pickNode(pool, pdx) : NO_SECONDARY;
    if (pdx === null || sdx === null) {
      failures++;
      continue;
    }
    const spec = instanceSpec(rng, groups[gdx]!.ipolicy, shapes[pdx]!);
    const tags = instanceTags(rng, withTags, locations);
    const inst: Instance = {
      ...createInstance({
        name: `inst-${String(placed.length + 1).padStart(4, "0")}${DOMAIN}`,
        mem: spec.mem,
        dsk: template === "diskless" ? 0 : spec.dsk,
        vcpus: spec.vcpus,
        runSt: rng.weighted(STATUSES),
        tags,
        autoBalance: !rng.chance(0.05),
        pNode: pdx,
        sNode: sdx,
        diskTemplate: template,
        spindleUse: 1,
      }),
      idx: placed.length,
      // The generator's own addPri needs the exclusion tags finalizeCluster derives later.
      exclTags: tags.filter((t) => t.startsWith("service:")),
    };
    const force = rng.chance(forcedShare);
    const p = addPriEx(force, working[pdx]!, inst);
    const s = p.ok && sdx !== NO_SECONDARY ? addSecExEx(false, force, working[sdx]!, inst, pdx) : null;
    if (!p.ok || (s !== null && !s.ok)) {
      failures++;
      continue;
    }
    working[pdx] = p.value;
    if (s?.ok) working[sdx] = s.value;
    placed.push(inst);
    usedMem += inst.mem;
  }

  // Offline nodes keep their instances (hbal then has evacuations to do); never the master.
  const offline = working.map((_, k) => k > 0 && rng.chance(offlineShare));

  // The reported free memory and disk follow the placements, with a little unexplained use on some nodes (below the
  // loader's 512 MiB / 1 GiB warning thresholds, and never enough to make a node fail N+1).
  const nodes: Node[] = working.map((w, idx) => {
    const s = shapes[idx]!;
    const iMem = w.pList.reduce((sum, i) => (usesMemory(placed[i]!) ? sum + placed[i]!.mem : sum), 0);
    const xMem = rng.chance(0.3) ? Math.min(rng.int(0, 400), Math.max(0, availMem(w) - 1)) : 0;
    const xDsk = rng.chance(0.3) ? Math.min(rng.int(0, 900), Math.max(0, w.fDsk - 1)) : 0;
    const n = createNode({
      name: w.name,
      tMem: s.tMem,
      nMem: s.nMem,
      fMem: s.tMem - s.nMem - iMem - xMem,
      tDsk: s.tDsk,
      fDsk: w.fDsk - xDsk,
      tCpu: s.tCpu,
      nCpu: s.osCpu,
      offline: offline[idx],
      tSpindles: s.spindles,
      fSpindles: s.spindles,
      group: w.group,
    });
    return { ...n, idx, isMaster: idx === 0, nTags: nodeTags[idx]!, tCpuSpeed: s.cpuSpeed };
  });
  const instances = placed.map((i) => ({ ...i, exclTags: [] }));
  const raw: ClusterData = { groups, nodes, instances, clusterTags, ipolicy: clusterPolicy };
  const { data, warnings } = finalizeCluster(raw);
  return { seed, data, raw, text: serializeTextData(raw), warnings };
}

const BENCH_SPEC_MIN: ISpec = { memorySize: 128, cpuCount: 1, diskSize: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 };
const BENCH_POLICY: IPolicy = {
  minmax: [{ min: BENCH_SPEC_MIN, max: { memorySize: 32768, cpuCount: 8, diskSize: 524288, diskCount: 16, nicCount: 8, spindleUse: 12 } }],
  std: { memorySize: 1024, cpuCount: 1, diskSize: 10240, diskCount: 1, nicCount: 1, spindleUse: 1 },
  diskTemplates: ["drbd", ...DISK_TEMPLATES.filter((t) => t !== "drbd")],
  vcpuRatio: 4,
  spindleRatio: 32,
};

/**
 * A bench cluster: one group of identical nodes, DRBD-heavy (9 in 10 instances), filled to `fill` of memory and
 * unbalanced (most instances on the first third of the nodes), no offline nodes, so hbal has real work and hspace
 * has room to fill. The ipolicy's max spec (hspace's first tier) is 32 GiB / 8 vCPUs / 512 GiB.
 */
export function benchCluster(nodes: number, seed = 1, fill = 0.3): RandomCluster {
  return randomCluster(seed, {
    nodes,
    groups: 1,
    templates: [
      ["drbd", 9],
      ["plain", 1],
    ],
    fill,
    unbalanced: true,
    skew: 0.6,
    offline: 0,
    forced: 0,
    sizes: "uniform",
    tags: true,
    locationTags: false,
    policy: BENCH_POLICY,
  });
}
