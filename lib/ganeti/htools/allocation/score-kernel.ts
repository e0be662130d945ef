// Allocation-free scoring for the candidate loops. Every candidate placement changes one node (single-node
// allocation) or two (primary, secondary); these helpers give the same score as metrics.ts (compCV for a
// single node, as Ganeti recomputes it there; the two-node incremental update for pairs) with the same arithmetic
// in the same order, from per-node component values computed once. `score-kernel.test.ts` checks equality.
import { METRIC_COMPONENTS, type ClusterStatistics } from "../metrics";
import type { Node } from "../node";
import type { NodeList } from "./types";

export const COMPONENTS = METRIC_COMPONENTS.length;
export const STDDEV = 0;
export const SUM = 1;
export const MAP = 2;
export const KIND = Int8Array.from(METRIC_COMPONENTS.map((c) => (c.kind === "stddev" ? STDDEV : c.kind === "sum" ? SUM : MAP)));
export const ONLINE = Uint8Array.from(METRIC_COMPONENTS.map((c) => (c.online ? 1 : 0)));
export const WEIGHT = Float64Array.from(METRIC_COMPONENTS.map((c) => c.weight));

/** A node's per-component values (the inputs of the statistics). */
export function nodeMetricValues(n: Node, out: Float64Array = new Float64Array(COMPONENTS)): Float64Array {
  for (let k = 0; k < COMPONENTS; k++) out[k] = METRIC_COMPONENTS[k]!.value(n);
  return out;
}

/** The location-exclusion component of a statistics map: Σ counts − number of pairs. */
export function mapComponentValue(map: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const v of map.values()) total += v;
  return total - map.size;
}

/**
 * compCV of a node list where one node is replaced, recomputed from scratch like Ganeti's allocateOnSingle does,
 * without building the list: the other nodes' values are computed once.
 */
export class FullScorer {
  private readonly rows: Node[];
  private readonly vals: Float64Array;
  private readonly rowOf = new Map<number, number>();
  private readonly scratch = new Float64Array(COMPONENTS);
  private readonly anyInstanceMap: boolean;

  constructor(nl: NodeList) {
    this.rows = [];
    nl.forEach((n) => {
      if (n) {
        this.rowOf.set(n.idx, this.rows.length);
        this.rows.push(n);
      }
    });
    this.vals = new Float64Array(this.rows.length * COMPONENTS);
    this.rows.forEach((n, r) => nodeMetricValues(n, this.vals.subarray(r * COMPONENTS, (r + 1) * COMPONENTS)));
    this.anyInstanceMap = this.rows.some((n) => n.instanceMap.size > 0);
  }

  /** The score of the list with node `idx` replaced by `node` (same online state). */
  scoreReplacing(idx: number, node: Node): number {
    const replaced = this.rowOf.get(idx) ?? -1;
    const nv = nodeMetricValues(node, this.scratch);
    const rows = this.rows;
    const vals = this.vals;
    let score = 0;
    for (let k = 0; k < COMPONENTS; k++) {
      const kind = KIND[k]!;
      let value: number;
      if (kind === MAP) {
        value = this.mapValue(replaced, node);
      } else {
        const wantOffline = ONLINE[k] === 0;
        let s = 0;
        let count = 0;
        for (let r = 0; r < rows.length; r++) {
          const offline = r === replaced ? node.offline : rows[r]!.offline;
          if (offline !== wantOffline) continue;
          s += r === replaced ? nv[k]! : vals[r * COMPONENTS + k]!;
          count++;
        }
        if (kind === SUM) value = s;
        else {
          const mean = s / count;
          let nvar = 0;
          for (let r = 0; r < rows.length; r++) {
            const offline = r === replaced ? node.offline : rows[r]!.offline;
            if (offline !== wantOffline) continue;
            const d = (r === replaced ? nv[k]! : vals[r * COMPONENTS + k]!) - mean;
            nvar += d * d;
          }
          value = Math.sqrt(nvar / count);
        }
      }
      score += value * WEIGHT[k]!;
    }
    return score;
  }

  private mapValue(replaced: number, node: Node): number {
    if (!this.anyInstanceMap && node.instanceMap.size === 0) return 0;
    const map = new Map<string, number>();
    this.rows.forEach((n, r) => {
      const cur = r === replaced ? node : n;
      if (cur.offline) return;
      for (const [key, v] of cur.instanceMap) map.set(key, (map.get(key) ?? 0) + v);
    });
    return mapComponentValue(map);
  }
}

// ---- incremental updates ------------------------------------------------------------------------------------------
// Ganeti's updateClusterStatistics replaces a node's contribution in the components of its own kind: online ones
// for an online node, the offline counts for an offline node (metrics.ts's updateStatistics skips offline nodes
// entirely, which differs when an offline node is a candidate, as in allocate-secondary).

const scratchOld = new Float64Array(COMPONENTS);
const scratchNew = new Float64Array(COMPONENTS);

function applyValue(kind: number, k: number, n: number, sum: Float64Array, variance: Float64Array, x: number, x2: number): void {
  if (kind === SUM) {
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

/** The location-exclusion map with one node's pairs replaced (as metrics.ts does it). */
function mapUpdate(map: Map<string, number>, oldNode: Node, newNode: Node): Map<string, number> {
  if (oldNode.instanceMap.size === 0 && newNode.instanceMap.size === 0) return map;
  const out = new Map(map);
  for (const [key, v] of oldNode.instanceMap) out.set(key, out.has(key) ? out.get(key)! - v : v);
  for (const [key, v] of newNode.instanceMap) out.set(key, (out.get(key) ?? 0) + v);
  return out;
}

/** Statistics with `oldNode`'s contribution replaced by `newNode`'s (updateClusterStatistics). */
export function updateStats(stats: ClusterStatistics, oldNode: Node, newNode: Node): ClusterStatistics {
  const online = oldNode.offline ? 0 : 1;
  const sum = Float64Array.from(stats.sum);
  const variance = Float64Array.from(stats.variance);
  let map = stats.map;
  nodeMetricValues(oldNode, scratchOld);
  nodeMetricValues(newNode, scratchNew);
  for (let k = 0; k < COMPONENTS; k++) {
    if (ONLINE[k] !== online) continue;
    const kind = KIND[k]!;
    if (kind === MAP) map = mapUpdate(map, oldNode, newNode);
    else applyValue(kind, k, stats.n[k]!, sum, variance, scratchOld[k]!, scratchNew[k]!);
  }
  return { n: stats.n, sum, variance, map };
}

/** Statistics after the primary's update, with each component's value, ready for many secondaries. */
export type PrimaryUpdate = { stats: ClusterStatistics; values: Float64Array; locationSum?: (shared: number) => number };

/** The online location-score component (a plain sum), whose primary value depends on the secondary. */
const LOCATION = METRIC_COMPONENTS.findIndex((c) => c.name === "location_score" && c.kind === "sum" && c.online);

export function primaryUpdate(stats: ClusterStatistics, before?: { base: ClusterStatistics; oldP: Node; newP: Node }): PrimaryUpdate {
  const values = new Float64Array(COMPONENTS);
  for (let k = 0; k < COMPONENTS; k++) {
    const kind = KIND[k]!;
    values[k] = kind === STDDEV ? Math.sqrt(stats.variance[k]!) : kind === SUM ? stats.sum[k]! : mapComponentValue(stats.map);
  }
  if (!before || LOCATION < 0 || before.oldP.offline) return { stats, values };
  // The primary's location score grows by the location tags it shares with the secondary: recompute that one sum
  // as updateStats would have with the larger value.
  const base = before.base.sum[LOCATION]!;
  const x = METRIC_COMPONENTS[LOCATION]!.value(before.oldP);
  const x2 = METRIC_COMPONENTS[LOCATION]!.value(before.newP);
  return { stats, values, locationSum: (shared) => base + (x2 + shared) - x };
}

/** The index of the location-score component, or -1. */
export const LOCATION_COMPONENT = LOCATION;

/**
 * The score after also replacing a node (the secondary) whose component values go from `oldS` to `newS`, its
 * exclusion map unchanged (adding a secondary leaves it): updateStats' arithmetic without allocating.
 */
export function scoreWithSecondary(pu: PrimaryUpdate, oldS: Float64Array, newS: Float64Array, offline: boolean, shared = 0): number {
  const { n, sum, variance } = pu.stats;
  const values = pu.values;
  const online = offline ? 0 : 1;
  let score = 0;
  for (let k = 0; k < COMPONENTS; k++) {
    let v = values[k]!;
    const kind = KIND[k]!;
    if (shared !== 0 && k === LOCATION) v = pu.locationSum!(shared);
    if (ONLINE[k] === online && kind !== MAP) {
      const x = oldS[k]!;
      const x2 = newS[k]!;
      if (kind === SUM) v = (shared !== 0 && k === LOCATION ? pu.locationSum!(shared) : sum[k]!) + x2 - x;
      else if (x !== x2) {
        const nk = n[k]!;
        const s = sum[k]!;
        const ds = x2 - x;
        const dss = x2 * x2 - x * x;
        const dnnvar = nk * dss - 2 * s * ds - ds * ds;
        v = Math.sqrt(Math.max(0, variance[k]! + dnnvar / (nk * nk)));
      }
    }
    score += v * WEIGHT[k]!;
  }
  return score;
}
