// Scoring hbal's candidate moves over one node group. Ganeti 3.0.2 recomputes the whole score (compCV) for every
// candidate; here a candidate is first scored in O(1) by swapping the 2–3 changed nodes' contributions (`approx`), and
// only the few candidates that can be the step's best are scored again exactly as Ganeti does (`exact`: same
// per-node values, same summation order), so ties are broken on the very same floating-point numbers.
import type { Instance } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { locationExclusionPairs } from "../node";

const COMPONENTS = METRIC_COMPONENTS;
const C = COMPONENTS.length;
const KIND = COMPONENTS.map((c) => (c.kind === "stddev" ? 0 : c.kind === "sum" ? 1 : 2));
const ONLINE = COMPONENTS.map((c) => (c.online ? 1 : 0));
const WEIGHT = COMPONENTS.map((c) => c.weight);

/** The most the O(1) score can differ from the exact one (far above the ~1e-12 seen, far below real differences). */
export const APPROX_EPSILON = 1e-7;

/**
 * How a changed node's (location tag, exclusion tag) pairs differ from the node it replaces: pair keys and count
 * changes, keys possibly repeated. null for no change, the common case.
 */
export type MapDelta = { keys: string[]; deltas: number[] } | null;

/** Statistics after a move's fixed part (the nodes other than the target): per component sum and variance. */
export type Partial = { sum: Float64Array; variance: Float64Array; changed: Uint8Array; deltas: NonNullable<MapDelta>[] };

/** Both deltas, or the one that is not null. */
export function joinDeltas(a: MapDelta, b: MapDelta): MapDelta {
  if (!a) return b;
  if (!b) return a;
  return { keys: [...a.keys, ...b.keys], deltas: [...a.deltas, ...b.deltas] };
}

/** The pairs an instance adds to (sign 1) or removes from (sign -1) a node as its primary. */
export function pairsDelta(n: Node, inst: Instance, sign: 1 | -1): MapDelta {
  if (n.locationTags.size === 0 || inst.exclTags.length === 0) return null;
  const keys = locationExclusionPairs(n, inst);
  return { keys, deltas: keys.map(() => sign) };
}

function updateStat(kind: number, n: number, sum: Float64Array, variance: Float64Array, k: number, x: number, x2: number): void {
  if (kind === 1) {
    sum[k] = sum[k]! + x2 - x;
    return;
  }
  const s = sum[k]!;
  const ds = x2 - x;
  variance[k] = Math.max(0, variance[k]! + (n * (x2 * x2 - x * x) - 2 * s * ds - ds * ds) / (n * n));
  sum[k] = s + ds;
}

/** A node's value for every component (the map component's value is unused: its instance map is read instead). */
export function nodeVector(n: Node, out = new Float64Array(C)): Float64Array {
  for (let k = 0; k < C; k++) out[k] = KIND[k] === 2 ? 0 : COMPONENTS[k]!.value(n);
  return out;
}

/** The location-exclusion score's share of one pair with `count` instances (count − 1, nothing when absent). */
const pairShare = (count: number): number => (count > 0 ? count - 1 : 0);

/** Per-step scoring state: the group's nodes in index order, their component values and the aggregate statistics. */
export class GroupScorer {
  readonly positions: Int32Array;
  private readonly order: readonly number[];
  private readonly online: Uint8Array;
  /** Component-major values: vals[k * G + position]. */
  private readonly vals: Float64Array;
  private readonly baseNodes: Node[];
  private readonly rows: Float64Array[] = [];
  private readonly count = new Float64Array(C);
  private readonly sum = new Float64Array(C);
  private readonly variance = new Float64Array(C);
  private readonly baseValue = new Float64Array(C);
  private readonly mapCounts = new Map<string, number>();
  private readonly baseMapValue: number;
  private readonly vectors = new WeakMap<Node, Float64Array>();
  private readonly posScratch = new Int32Array(8);
  private readonly keyScratch: string[] = [];
  private readonly deltaScratch: number[] = [];
  readonly score: number;

  /** `nodes` is indexed by node idx; `order` lists the group's node indices in ascending order. */
  constructor(nodes: readonly Node[], order: readonly number[]) {
    const g = order.length;
    this.order = order;
    this.positions = new Int32Array(nodes.length).fill(-1);
    this.online = new Uint8Array(g);
    this.vals = new Float64Array(C * g);
    this.baseNodes = order.map((idx) => nodes[idx]!);
    for (let p = 0; p < g; p++) {
      const n = this.baseNodes[p]!;
      this.positions[order[p]!] = p;
      this.online[p] = n.offline ? 0 : 1;
      const v = this.vectorOf(n);
      this.rows.push(v);
      for (let k = 0; k < C; k++) this.vals[k * g + p] = v[k]!;
      if (!n.offline) for (const [key, c] of n.instanceMap) this.mapCounts.set(key, (this.mapCounts.get(key) ?? 0) + c);
    }
    let mapValue = 0;
    for (const c of this.mapCounts.values()) mapValue += pairShare(c);
    this.baseMapValue = mapValue;
    this.computeStatistics();
    this.score = this.exactFromVals(this.baseMapValue);
  }

  /** The component values of group node `idx` as they stand at the start of the step. */
  baseVector(idx: number): Float64Array {
    return this.rows[this.positions[idx]!]!;
  }

  /** Component values of a node, memoised per node object (candidate nodes are shared between moves). */
  vectorOf(n: Node): Float64Array {
    let v = this.vectors.get(n);
    if (!v) {
      v = nodeVector(n);
      this.vectors.set(n, v);
    }
    return v;
  }

  /** How `n`'s pairs differ from those of the group node `idx` it would replace. */
  mapDeltaOf(idx: number, n: Node): MapDelta {
    const base = this.baseNodes[this.positions[idx]!]!;
    if (base.instanceMap.size === 0 && n.instanceMap.size === 0) return null;
    const keys: string[] = [];
    const deltas: number[] = [];
    for (const [key, c] of base.instanceMap) {
      const d = (n.instanceMap.get(key) ?? 0) - c;
      if (d !== 0) {
        keys.push(key);
        deltas.push(d);
      }
    }
    for (const [key, c] of n.instanceMap) {
      if (base.instanceMap.has(key)) continue;
      keys.push(key);
      deltas.push(c);
    }
    return keys.length === 0 ? null : { keys, deltas };
  }

  private computeStatistics(): void {
    const g = this.order.length;
    for (let k = 0; k < C; k++) {
      const want = ONLINE[k]!;
      let n = 0;
      let s = 0;
      for (let p = 0; p < g; p++) {
        if (this.online[p] !== want) continue;
        n += 1;
        s += this.vals[k * g + p]!;
      }
      this.count[k] = n;
      this.sum[k] = s;
      if (KIND[k] === 0) {
        const mean = s / n;
        let nvar = 0;
        for (let p = 0; p < g; p++) {
          if (this.online[p] !== want) continue;
          const d = this.vals[k * g + p]! - mean;
          nvar += d * d;
        }
        this.variance[k] = nvar / n;
      }
      this.baseValue[k] = KIND[k] === 0 ? Math.sqrt(this.variance[k]!) : KIND[k] === 1 ? s : 0;
    }
  }

  /** Adds a delta to the scratch list of changed pairs. */
  private collect(d: NonNullable<MapDelta>, n: number): number {
    const keys = this.keyScratch;
    const deltas = this.deltaScratch;
    for (let a = 0; a < d.keys.length; a++) {
      const key = d.keys[a]!;
      let found = -1;
      for (let b = 0; b < n; b++) {
        if (keys[b] === key) {
          found = b;
          break;
        }
      }
      if (found >= 0) deltas[found] = deltas[found]! + d.deltas[a]!;
      else {
        keys[n] = key;
        deltas[n] = d.deltas[a]!;
        n++;
      }
    }
    return n;
  }

  /** The location-exclusion score after the collected pair changes. */
  private mapValueAfter(n: number): number {
    let v = this.baseMapValue;
    for (let b = 0; b < n; b++) {
      const d = this.deltaScratch[b]!;
      if (d === 0) continue;
      const before = this.mapCounts.get(this.keyScratch[b]!) ?? 0;
      v += pairShare(before + d) - pairShare(before);
    }
    return v;
  }

  /**
   * The score with nodes `idxs[j]` replaced by nodes whose component values are `vecs[j]` and whose pairs differ by
   * `deltas[j]`, in O(changed nodes); within APPROX_EPSILON of `exact`.
   */
  approx(len: number, idxs: ArrayLike<number>, vecs: ArrayLike<Float64Array>, deltas: ArrayLike<MapDelta>): number {
    const g = this.order.length;
    const pos = this.posScratch;
    let pairs = 0;
    for (let j = 0; j < len; j++) {
      pos[j] = this.positions[idxs[j]!]!;
      const d = deltas[j];
      if (d && this.online[pos[j]!] === 1) pairs = this.collect(d, pairs);
    }
    const online = this.online;
    const vals = this.vals;
    let score = 0;
    for (let k = 0; k < C; k++) {
      const kind = KIND[k]!;
      if (kind === 2) {
        score += (pairs === 0 ? this.baseMapValue : this.mapValueAfter(pairs)) * WEIGHT[k]!;
        continue;
      }
      const want = ONLINE[k]!;
      let s = this.sum[k]!;
      let v = this.variance[k]!;
      let changed = false;
      for (let j = 0; j < len; j++) {
        const p = pos[j]!;
        if (online[p] !== want) continue;
        const x = vals[k * g + p]!;
        const x2 = vecs[j]![k]!;
        if (x === x2) continue;
        changed = true;
        if (kind === 1) {
          s = s + x2 - x;
        } else {
          const n = this.count[k]!;
          const ds = x2 - x;
          v = Math.max(0, v + (n * (x2 * x2 - x * x) - 2 * s * ds - ds * ds) / (n * n));
          s = s + ds;
        }
      }
      score += (changed ? (kind === 0 ? Math.sqrt(v) : s) : this.baseValue[k]!) * WEIGHT[k]!;
    }
    return score;
  }

  /** The statistics after a move's fixed part, so each target then costs one node's update (`approxPartial`). */
  partial(len: number, idxs: ArrayLike<number>, vecs: ArrayLike<Float64Array>, deltas: ArrayLike<MapDelta>): Partial {
    const g = this.order.length;
    const part: Partial = { sum: Float64Array.from(this.sum), variance: Float64Array.from(this.variance), changed: new Uint8Array(C), deltas: [] };
    for (let j = 0; j < len; j++) {
      const p = this.positions[idxs[j]!]!;
      const on = this.online[p]!;
      const d = deltas[j];
      if (d && on === 1) part.deltas.push(d);
      const nv = vecs[j]!;
      for (let k = 0; k < C; k++) {
        const kind = KIND[k]!;
        if (kind === 2 || ONLINE[k] !== on) continue;
        const x = this.vals[k * g + p]!;
        const x2 = nv[k]!;
        if (x === x2) continue;
        part.changed[k] = 1;
        updateStat(kind, this.count[k]!, part.sum, part.variance, k, x, x2);
      }
    }
    return part;
  }

  /** `approx` for a move's fixed part (`partial`) plus the target node `idx` (values `vec`, pair changes `delta`). */
  approxPartial(part: Partial, idx: number, vec: Float64Array, delta: MapDelta): number {
    const g = this.order.length;
    const p = this.positions[idx]!;
    const want = this.online[p]!;
    let pairs = 0;
    for (const d of part.deltas) pairs = this.collect(d, pairs);
    if (delta && want === 1) pairs = this.collect(delta, pairs);
    const vals = this.vals;
    let score = 0;
    for (let k = 0; k < C; k++) {
      const kind = KIND[k]!;
      if (kind === 2) {
        score += (pairs === 0 ? this.baseMapValue : this.mapValueAfter(pairs)) * WEIGHT[k]!;
        continue;
      }
      let s = part.sum[k]!;
      let v = part.variance[k]!;
      let changed = part.changed[k] === 1;
      const x = vals[k * g + p]!;
      const x2 = vec[k]!;
      if (ONLINE[k] === want && x !== x2) {
        changed = true;
        if (kind === 1) s = s + x2 - x;
        else {
          const n = this.count[k]!;
          const ds = x2 - x;
          v = Math.max(0, v + (n * (x2 * x2 - x * x) - 2 * s * ds - ds * ds) / (n * n));
          s = s + ds;
        }
      }
      score += (changed ? (kind === 0 ? Math.sqrt(v) : s) : this.baseValue[k]!) * WEIGHT[k]!;
    }
    return score;
  }

  /** The score with the given nodes replaced, computed as Ganeti's compCV computes it. */
  exact(len: number, idxs: ArrayLike<number>, news: ArrayLike<Node>): number {
    const g = this.order.length;
    const saved: number[] = [];
    let pairs = 0;
    for (let j = 0; j < len; j++) {
      const p = this.positions[idxs[j]!]!;
      const d = this.mapDeltaOf(idxs[j]!, news[j]!);
      if (d && this.online[p] === 1) pairs = this.collect(d, pairs);
      const nv = this.vectorOf(news[j]!);
      for (let k = 0; k < C; k++) {
        saved.push(this.vals[k * g + p]!);
        this.vals[k * g + p] = nv[k]!;
      }
    }
    const score = this.exactFromVals(pairs === 0 ? this.baseMapValue : this.mapValueAfter(pairs));
    // restore in reverse, so a node listed twice gets its base values back
    let s = saved.length;
    for (let j = len - 1; j >= 0; j--) {
      const p = this.positions[idxs[j]!]!;
      for (let k = C - 1; k >= 0; k--) this.vals[k * g + p] = saved[--s]!;
    }
    return score;
  }

  private exactFromVals(mapV: number): number {
    const g = this.order.length;
    if (g === 0) return 0;
    let score = 0;
    for (let k = 0; k < C; k++) {
      const kind = KIND[k]!;
      let v: number;
      if (kind === 2) v = mapV;
      else {
        const want = ONLINE[k]!;
        const base = k * g;
        let n = 0;
        let s = 0;
        for (let p = 0; p < g; p++) {
          if (this.online[p] !== want) continue;
          n += 1;
          s += this.vals[base + p]!;
        }
        if (kind === 1) v = s;
        else {
          const mean = s / n;
          let nvar = 0;
          for (let p = 0; p < g; p++) {
            if (this.online[p] !== want) continue;
            const d = this.vals[base + p]! - mean;
            nvar += d * d;
          }
          v = Math.sqrt(nvar / n);
        }
      }
      score += v * WEIGHT[k]!;
    }
    return score;
  }
}
