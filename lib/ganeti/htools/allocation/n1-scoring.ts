// The scores of the global N+1 check's simulated moves, from the flat component values of n1-node-state.ts:
// metrics.ts's clusterStatistics (recomputed for every evacuated instance, as the reference does) and its
// scoreAfterUpdates for one or two changed nodes, with the same arithmetic in the same order, so the same bits.
// The location-exclusion component is an integer count, kept as Σ counts and number of keys of the statistics' map.
import { METRIC_COMPONENTS } from "../metrics";
import { KIND, MAP, ONLINE, STDDEV, SUM, WEIGHT } from "./score-kernel";
import type { N1NodeState } from "./n1-node-state";
import { COMPONENTS as STATE_COMPONENTS } from "./n1-node-state";

/** How a candidate's update touches each component: online ones are updated, offline ones only by offline nodes. */
const ONLINE_STDDEV = 0;
const ONLINE_SUM = 1;
const MAP_CODE = 2;
const UNTOUCHED = 3;
const CODE = Int8Array.from(METRIC_COMPONENTS.map((c) => (c.kind === "map" ? MAP_CODE : !c.online ? UNTOUCHED : c.kind === "stddev" ? ONLINE_STDDEV : ONLINE_SUM)));
// A local constant: hot loops index with it, and a module import may be read through a getter.
const COMPONENTS = 20;
if (STATE_COMPONENTS !== COMPONENTS) throw new Error("internal error: n1-scoring and n1-node-state disagree on the component count");

/** Node indices of a list (a group, or the whole list) in index order, split by online state as the statistics are. */
export type MemberSet = { all: Int32Array; online: Int32Array; offline: Int32Array };

export function memberSet(state: N1NodeState, members: readonly number[]): MemberSet {
  return {
    all: Int32Array.from(members),
    online: Int32Array.from(members.filter((j) => !state.offline(j))),
    offline: Int32Array.from(members.filter((j) => state.offline(j))),
  };
}

/** One update of scoreAfterUpdates: node `node`'s values go from the state's to `next`; skipped if offline. */
export type Update = { node: number; next: Float64Array; offline: boolean };

/** metrics.ts's ClusterStatistics of a member set, recomputed from the state's current values. */
export class SetStatistics {
  readonly n = new Float64Array(COMPONENTS);
  readonly sum = new Float64Array(COMPONENTS);
  readonly variance = new Float64Array(COMPONENTS);
  /** The online nodes' location-exclusion pairs summed (null when they have none). */
  map: Map<string, number> | null = null;
  /** The location-exclusion component of the statistics as they stand: Σ counts − number of keys. */
  mapBase = 0;

  /** The state's change stamps when each component (and the map) was last computed here, and for which set. */
  private readonly seen = new Float64Array(COMPONENTS);
  private seenMap = 0;
  private seenSet: MemberSet | null = null;
  private seenState: N1NodeState | null = null;

  /** Recompute the statistics of `set`: only the components whose values changed since the last time. */
  compute(state: N1NodeState, set: MemberSet): void {
    if (this.seenSet !== set || this.seenState !== state) {
      this.seen.fill(0);
      this.seenMap = 0;
      this.seenSet = set;
      this.seenState = state;
    }
    const vals = state.vals;
    for (let k = 0; k < COMPONENTS; k++) {
      const kind = KIND[k]!;
      if (kind === MAP || this.seen[k] === state.componentStamp[k]) continue;
      this.seen[k] = state.componentStamp[k]!;
      const list = ONLINE[k] ? set.online : set.offline;
      const len = list.length;
      let s = 0;
      for (let m = 0; m < len; m++) s += vals[list[m]! * COMPONENTS + k]!;
      this.n[k] = len;
      this.sum[k] = s;
      if (kind === STDDEV) {
        const mean = s / len;
        let nvar = 0;
        for (let m = 0; m < len; m++) {
          const d = vals[list[m]! * COMPONENTS + k]! - mean;
          nvar += d * d;
        }
        this.variance[k] = nvar / len;
      }
    }
    if (this.seenMap === state.mapStamp) return;
    this.seenMap = state.mapStamp;
    let map: Map<string, number> | null = null;
    for (let m = 0; m < set.online.length; m++) {
      const own = state.instanceMap[set.online[m]!]!;
      if (own.size === 0) continue;
      map ??= new Map();
      for (const [key, v] of own) map.set(key, (map.get(key) ?? 0) + v);
    }
    this.map = map;
    let total = 0;
    if (map) for (const v of map.values()) total += v;
    this.mapBase = total - (map?.size ?? 0);
  }

  // Scoring candidates that share one update (the node being evacuated loses the instance; none for recreate):
  // the statistics after it are computed once, and each candidate adds its own update, in node index order as
  // evacuate.ts's groupScoreAfter lists them. A standard-deviation update whose value does not change leaves the
  // sum and variance exactly as they were when the numbers are finite (ds = dss = 0, so dnnvar = 0), and is skipped.
  private readonly afterSum = new Float64Array(COMPONENTS);
  private readonly afterVariance = new Float64Array(COMPONENTS);
  /** Each component's value after the shared update. */
  private readonly afterValue = new Float64Array(COMPONENTS);
  private shared: Update | null = null;

  /** Prepare scoring candidates that all come after (or before) the update `shared`, or none. */
  prepare(vals: Float64Array, shared: Update | null): void {
    this.shared = shared && !shared.offline ? shared : null;
    const o = this.shared ? this.shared.node * COMPONENTS : 0;
    for (let k = 0; k < COMPONENTS; k++) {
      let s = this.sum[k]!;
      let va = this.variance[k]!;
      const kind = KIND[k]!;
      if (this.shared && ONLINE[k] && kind !== MAP) {
        const x = vals[o + k]!;
        const x2 = this.shared.next[k]!;
        if (kind === SUM) s = s + x2 - x;
        else if (!(x === x2 && x * x - x * x === 0 && s - s === 0)) {
          const nk = this.n[k]!;
          const ds = x2 - x;
          const dss = x2 * x2 - x * x;
          const dnnvar = nk * dss - 2 * s * ds - ds * ds;
          s = s + ds;
          va = Math.max(0, va + dnnvar / (nk * nk));
        }
      }
      this.afterSum[k] = s;
      this.afterVariance[k] = va;
      this.afterValue[k] = kind === STDDEV ? Math.sqrt(va) : s;
    }
  }

  /**
   * metrics.ts's scoreAfterUpdates for the prepared update and the candidate's (`next` the candidate node's values
   * afterwards), applied in node index order; `mapValue` is the location-exclusion component after both.
   */
  scoreCandidate(vals: Float64Array, node: number, next: Float64Array, offline: boolean, mapValue: number): number {
    const shared = this.shared;
    const afterValue = this.afterValue;
    let score = 0;
    if (offline) {
      // scoreAfterUpdates skips an update whose old node is offline.
      for (let k = 0; k < COMPONENTS; k++) score += (CODE[k] === MAP_CODE ? mapValue : afterValue[k]!) * WEIGHT[k]!;
      return score;
    }
    const o = node * COMPONENTS;
    const afterSum = this.afterSum;
    const afterVariance = this.afterVariance;
    const n = this.n;
    if (shared === null || node > shared.node) {
      for (let k = 0; k < COMPONENTS; k++) {
        const code = CODE[k]!;
        let v: number;
        if (code === ONLINE_STDDEV) {
          const x = vals[o + k]!;
          const x2 = next[k]!;
          const s = afterSum[k]!;
          if (x === x2 && x * x - x * x === 0 && s - s === 0) v = afterValue[k]!;
          else {
            const nk = n[k]!;
            const ds = x2 - x;
            const dss = x2 * x2 - x * x;
            const dnnvar = nk * dss - 2 * s * ds - ds * ds;
            v = Math.sqrt(Math.max(0, afterVariance[k]! + dnnvar / (nk * nk)));
          }
        } else if (code === ONLINE_SUM) v = afterSum[k]! + next[k]! - vals[o + k]!;
        else if (code === MAP_CODE) v = mapValue;
        else v = afterValue[k]!;
        score += v * WEIGHT[k]!;
      }
      return score;
    }
    // The candidate's node comes first, then the shared update.
    const oa = shared.node * COMPONENTS;
    const sharedNext = shared.next;
    const sum = this.sum;
    const variance = this.variance;
    for (let k = 0; k < COMPONENTS; k++) {
      const code = CODE[k]!;
      let v: number;
      if (code === ONLINE_STDDEV) {
        const x = vals[o + k]!;
        const x2 = next[k]!;
        let s = sum[k]!;
        if (x === x2 && x * x - x * x === 0 && s - s === 0) {
          // The candidate leaves this component as it was: only the shared update, already applied by prepare.
          v = afterValue[k]!;
        } else {
          const nk = n[k]!;
          let ds = x2 - x;
          let dss = x2 * x2 - x * x;
          let dnnvar = nk * dss - 2 * s * ds - ds * ds;
          s = s + ds;
          let va = Math.max(0, variance[k]! + dnnvar / (nk * nk));
          const y = vals[oa + k]!;
          const y2 = sharedNext[k]!;
          if (!(y === y2 && y * y - y * y === 0 && s - s === 0)) {
            ds = y2 - y;
            dss = y2 * y2 - y * y;
            dnnvar = nk * dss - 2 * s * ds - ds * ds;
            va = Math.max(0, va + dnnvar / (nk * nk));
          }
          v = Math.sqrt(va);
        }
      } else if (code === ONLINE_SUM) v = sum[k]! + next[k]! - vals[o + k]! + sharedNext[k]! - vals[oa + k]!;
      else if (code === MAP_CODE) v = mapValue;
      else v = afterValue[k]!;
      score += v * WEIGHT[k]!;
    }
    return score;
  }

  /**
   * The location-exclusion component after a move, as mapUpdate leaves the statistics' map: `removed` is the change
   * in Σ counts of the node the instance leaves (0 when that node is offline or there is none), `added` the pairs the
   * target gains (none when it is offline). Each added pair counts one, and each distinct pair new to the map adds a
   * key; keys whose count drops to zero stay (Ganeti's quirk), so removing never drops a key.
   */
  mapAfterMove(removed: number, added: readonly string[]): number {
    let newKeys = 0;
    for (let k = 0; k < added.length; k++) {
      const key = added[k]!;
      if (this.map?.has(key) || added.indexOf(key) < k) continue;
      newKeys++;
    }
    return this.mapBase + removed + added.length - newKeys;
  }
}
