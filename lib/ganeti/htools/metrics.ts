// The cluster score (Ganeti 3.0's Cluster/Metrics.hs with MetricsComponents and Utils/Statistics): a weighted sum of
// 20 components over the nodes of a group. Statistics are kept per component so a placement that changes two or
// three nodes is scored in O(1) by swapping those nodes' contributions, exactly as Ganeti's updateClusterStatistics
// does (including its quirks: an update whose old node is offline changes nothing, and location-exclusion pairs whose
// count drops to zero stay in the map).
import type { Node } from "./node";
import { conflictingPrimaries, pCpuEff, pCpuEffForth, sumPeers } from "./node";

type Kind = "stddev" | "sum" | "map";
type Component = { name: string; weight: number; kind: Kind; online: boolean; value: (n: Node) => number };

const instanceCount = (n: Node) => n.pList.length + n.sList.length;

/** In the order Ganeti 3.0.2 sums and prints them (`hbal -v -v -v`). */
export const METRIC_COMPONENTS: readonly Component[] = [
  { name: "free_mem_cv", weight: 0.5, kind: "stddev", online: true, value: (n) => n.pMem },
  { name: "free_disk_cv", weight: 0.5, kind: "stddev", online: true, value: (n) => n.pDsk },
  { name: "n1_cnt", weight: 1, kind: "sum", online: true, value: (n) => (n.failN1 ? instanceCount(n) : 0) },
  { name: "reserved_mem_cv", weight: 1, kind: "stddev", online: true, value: (n) => n.pRem },
  { name: "offline_all_cnt", weight: 4, kind: "sum", online: false, value: instanceCount },
  { name: "offline_pri_cnt", weight: 16, kind: "sum", online: false, value: (n) => n.pList.length },
  { name: "vcpu_ratio_cv", weight: 0.5, kind: "stddev", online: true, value: pCpuEff },
  { name: "cpu_load_cv", weight: 1, kind: "stddev", online: true, value: (n) => n.utilLoad.cpu / n.utilPool.cpu },
  { name: "mem_load_cv", weight: 1, kind: "stddev", online: true, value: (n) => n.utilLoad.mem / n.utilPool.mem },
  { name: "disk_load_cv", weight: 1, kind: "stddev", online: true, value: (n) => n.utilLoad.dsk / n.utilPool.dsk },
  { name: "net_load_cv", weight: 1, kind: "stddev", online: true, value: (n) => n.utilLoad.net / n.utilPool.net },
  { name: "pri_tags_score", weight: 2, kind: "sum", online: true, value: conflictingPrimaries },
  { name: "spindles_cv", weight: 0.5, kind: "stddev", online: true, value: (n) => n.instSpindles / n.hiSpindles },
  { name: "free_mem_cv_forth", weight: 0.5, kind: "stddev", online: true, value: (n) => n.pMemForth },
  { name: "free_disk_cv_forth", weight: 0.5, kind: "stddev", online: true, value: (n) => n.pDskForth },
  { name: "vcpu_ratio_cv_forth", weight: 0.5, kind: "stddev", online: true, value: pCpuEffForth },
  { name: "spindles_cv_forth", weight: 0.5, kind: "stddev", online: true, value: (n) => n.instSpindlesForth / n.hiSpindles },
  { name: "location_score", weight: 1, kind: "sum", online: true, value: (n) => n.locationScore },
  { name: "location_exclusion_score", weight: 1, kind: "map", online: true, value: () => 0 },
  { name: "reserved_mem_rtotal", weight: 0.25, kind: "sum", online: true, value: (n) => n.pRem },
];

const COUNT = METRIC_COMPONENTS.length;
const MAP_COMPONENT = METRIC_COMPONENTS.findIndex((c) => c.kind === "map");

/** Per component: count, sum and variance (stddev kind) or the plain sum; plus the location-exclusion map. */
export type ClusterStatistics = {
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly variance: Float64Array;
  readonly map: Map<string, number>;
};

function nodeValues(n: Node, out: Float64Array): Float64Array {
  for (let k = 0; k < COUNT; k++) out[k] = METRIC_COMPONENTS[k]!.value(n);
  return out;
}

/** Statistics of a node list (Ganeti's compClusterStatistics). */
export function clusterStatistics(nodes: readonly Node[]): ClusterStatistics {
  const stats: ClusterStatistics = { n: new Float64Array(COUNT), sum: new Float64Array(COUNT), variance: new Float64Array(COUNT), map: new Map() };
  const online = nodes.filter((n) => !n.offline);
  const offline = nodes.filter((n) => n.offline);
  for (let k = 0; k < COUNT; k++) {
    const c = METRIC_COMPONENTS[k]!;
    const list = c.online ? online : offline;
    if (c.kind === "map") {
      for (const n of list) for (const [key, v] of n.instanceMap) stats.map.set(key, (stats.map.get(key) ?? 0) + v);
      continue;
    }
    let s = 0;
    for (const n of list) s += c.value(n);
    stats.n[k] = list.length;
    stats.sum[k] = s;
    if (c.kind === "stddev") {
      const mean = s / list.length;
      let nvar = 0;
      for (const n of list) {
        const d = c.value(n) - mean;
        nvar += d * d;
      }
      stats.variance[k] = nvar / list.length;
    }
  }
  return stats;
}

function componentValue(stats: ClusterStatistics, k: number): number {
  const c = METRIC_COMPONENTS[k]!;
  if (c.kind === "stddev") return Math.sqrt(stats.variance[k]!);
  if (c.kind === "sum") return stats.sum[k]!;
  let total = 0;
  for (const v of stats.map.values()) total += v;
  return total - stats.map.size;
}

/** The score of the statistics (compCVfromStats): Σ weight × value, left to right. */
export function scoreFromStatistics(stats: ClusterStatistics): number {
  let score = 0;
  for (let k = 0; k < COUNT; k++) score += componentValue(stats, k) * METRIC_COMPONENTS[k]!.weight;
  return score;
}

/** Component values with their weights, as `hbal -v -v -v` prints them. */
export function scoreComponents(stats: ClusterStatistics): Array<{ name: string; value: number; weight: number }> {
  return METRIC_COMPONENTS.map((c, k) => ({ name: c.name, value: componentValue(stats, k), weight: c.weight }));
}

const oldValues = new Float64Array(COUNT);
const newValues = new Float64Array(COUNT);

function mapUpdate(map: Map<string, number>, oldNode: Node, newNode: Node): Map<string, number> {
  if (oldNode.instanceMap.size === 0 && newNode.instanceMap.size === 0) return map;
  const out = new Map(map);
  for (const [key, v] of oldNode.instanceMap) out.set(key, out.has(key) ? out.get(key)! - v : v);
  for (const [key, v] of newNode.instanceMap) out.set(key, (out.get(key) ?? 0) + v);
  return out;
}

/** Replace one node's contribution by its new version (updateClusterStatistics). Returns new statistics. */
export function updateStatistics(stats: ClusterStatistics, oldNode: Node, newNode: Node): ClusterStatistics {
  if (oldNode.offline) return stats;
  const out: ClusterStatistics = { n: stats.n, sum: Float64Array.from(stats.sum), variance: Float64Array.from(stats.variance), map: stats.map };
  nodeValues(oldNode, oldValues);
  nodeValues(newNode, newValues);
  for (let k = 0; k < COUNT; k++) {
    const c = METRIC_COMPONENTS[k]!;
    if (!c.online) continue;
    if (c.kind === "map") {
      (out as { map: Map<string, number> }).map = mapUpdate(stats.map, oldNode, newNode);
      continue;
    }
    applyUpdate(c.kind, k, out.n[k]!, out.sum, out.variance, oldValues[k]!, newValues[k]!);
  }
  return out;
}

function applyUpdate(kind: Kind, k: number, n: number, sum: Float64Array, variance: Float64Array, x: number, x2: number): void {
  if (kind === "sum") {
    sum[k] = sum[k]! + x2 - x;
    return;
  }
  const s = sum[k]!;
  const ds = x2 - x;
  const dss = x2 * x2 - x * x;
  const dnnvar = n * dss - 2 * s * ds - ds * ds;
  sum[k] = s + ds;
  variance[k] = Math.max(0, variance[k]! + dnnvar / (n * n));
}

const scratchSum = new Float64Array(COUNT);
const scratchVar = new Float64Array(COUNT);

/**
 * The score after replacing `olds[j]` by `news[j]` in order, without building statistics objects: the hot path of
 * hbal's and hail's candidate loops. Same arithmetic as applying updateStatistics for each pair.
 */
export function scoreAfterUpdates(stats: ClusterStatistics, olds: readonly Node[], news: readonly Node[]): number {
  scratchSum.set(stats.sum);
  scratchVar.set(stats.variance);
  let map = stats.map;
  for (let j = 0; j < olds.length; j++) {
    const oldNode = olds[j]!;
    const newNode = news[j]!;
    if (oldNode.offline) continue;
    nodeValues(oldNode, oldValues);
    nodeValues(newNode, newValues);
    for (let k = 0; k < COUNT; k++) {
      const c = METRIC_COMPONENTS[k]!;
      if (!c.online) continue;
      if (c.kind === "map") map = mapUpdate(map, oldNode, newNode);
      else applyUpdate(c.kind, k, stats.n[k]!, scratchSum, scratchVar, oldValues[k]!, newValues[k]!);
    }
  }
  let score = 0;
  for (let k = 0; k < COUNT; k++) {
    const c = METRIC_COMPONENTS[k]!;
    let v: number;
    if (c.kind === "stddev") v = Math.sqrt(scratchVar[k]!);
    else if (c.kind === "sum") v = scratchSum[k]!;
    else {
      let total = 0;
      for (const x of map.values()) total += x;
      v = total - map.size;
    }
    score += v * c.weight;
  }
  return score;
}

/** The score of a node list, computed from scratch (compCV). */
export const compCV = (nodes: readonly Node[]): number => scoreFromStatistics(clusterStatistics(nodes));

/** The lower bound of the score, reached by a perfectly balanced cluster (optimalCVScore). */
export function optimalCVScore(nodes: readonly Node[]): number {
  if (nodes.length <= 1) return 0;
  let total = 0;
  let max = -Infinity;
  let drbd = 0;
  for (const n of nodes) {
    total += n.tMem;
    if (n.tMem > max) max = n.tMem;
    drbd += sumPeers(n.peers);
  }
  const oneLess = total - max;
  if (!(oneLess > 0)) return 0;
  const weight = METRIC_COMPONENTS.find((c) => c.name === "reserved_mem_rtotal")!.weight;
  return weight * (drbd / oneLess - drbd / total);
}

export { MAP_COMPONENT as LOCATION_EXCLUSION_COMPONENT };
