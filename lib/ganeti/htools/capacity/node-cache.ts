// The fast engine's memo of node placement results (fast-engine.ts): nodes with the same resources and state give
// the same answers, so they share one computed placement per instance spec and one class key for scoring.
import type { Instance } from "../instance";
import { instMatchesPolicy, NO_SECONDARY } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { addPriEx, addSec } from "../node-placement";
import type { OpResult } from "../types";
import { nodeMetricValues } from "../allocation/score-kernel";

export type SecInfo = { res: OpResult<Node>; vals: Float64Array | null; key: string; reserve?: Map<number, Float64Array> };
/** `key` groups primaries whose update of the statistics is the same (null: never shared). */
export type PriInfo = { res: OpResult<Node>; key: string | null };

export const specKey = (i: Instance, force: boolean) =>
  `${force ? 1 : 0}|${i.mem}|${i.dsk}|${i.vcpus}|${i.spindleUse}|${i.diskTemplate}|${i.runSt}|${i.autoBalance}|${i.disks.map((d) => `${d.size}:${d.spindles}`).join(",")}`;

export type Slot<T> = { spec: string; value: T };

export const IDENTITY_FIELDS = new Set(["name", "alias", "idx"]);
export const LIST_FIELDS = new Set(["pList", "sList", "pListForth", "sListForth"]);

export function show(v: unknown): string {
  if (v instanceof Map) return `M{${[...v].map(([k, x]) => `${show(k)}=${show(x)}`).sort().join(",")}}`;
  if (v instanceof Set) return `S{${[...v].map(show).sort().join(",")}}`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * Everything about a node that placing a new instance on it can depend on: all fields except its identity, the
 * instance lists by length, the peer map by its amounts (a new instance is never placed against an existing peer
 * here; r_mem is a field). Nodes with equal signatures behave the same as primary or secondary of a new instance.
 */
export function signature(n: Node): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (IDENTITY_FIELDS.has(k)) continue;
    if (LIST_FIELDS.has(k)) parts.push(`${k}#${(v as number[]).length}`);
    else if (k === "peers") parts.push(`peers:${[...(v as Map<number, number>).values()].sort((x, y) => x - y).join(",")}`);
    else parts.push(`${k}:${show(v)}`);
  }
  return parts.join("|");
}

/**
 * Per node state and spec: its component values, its result as primary and as (first-time) secondary of the last
 * spec asked (one slot each: the loops ask for one spec many times, the shrinking for many specs once). Nodes in
 * the same state (see signature) share the entries.
 */
export class NodeCache {
  private readonly sigs = new WeakMap<Node, string>();
  private readonly values = new WeakMap<Node, Float64Array>();
  private readonly sec = new Map<string, Slot<SecInfo>>();
  private readonly pri = new Map<string, Slot<PriInfo>>();

  private sig(n: Node): string {
    let v = this.sigs.get(n);
    if (v === undefined) {
      v = signature(n);
      this.sigs.set(n, v);
    }
    return v;
  }

  oldValues(n: Node): Float64Array {
    let v = this.values.get(n);
    if (!v) {
      v = nodeMetricValues(n);
      this.values.set(n, v);
    }
    return v;
  }

  secondary(s: Node, inst: Instance, spec: string): SecInfo {
    const sig = this.sig(s);
    const slot = this.sec.get(sig);
    if (slot && slot.spec === spec) return slot.value;
    // As the secondary of a primary it does not back yet (Ganeti's addSec with no reserved memory for it).
    const res = addSec(s, inst, NO_SECONDARY);
    const vals = res.ok ? nodeMetricValues(res.value) : null;
    const info: SecInfo = { res, vals, key: res.ok ? classKey(this.oldValues(s), vals!, s.offline) : `fail:${res.fail}` };
    this.sec.set(sig, { spec, value: info });
    return info;
  }

  /** The secondary's component values when its r_mem grows to `rMem` (it already backs the primary). */
  withReserve(s: Node, info: SecInfo, rMem: number, failN1: boolean): Float64Array {
    const m = (info.reserve ??= new Map());
    let v = m.get(rMem);
    if (!v) {
      if (!info.res.ok) throw new Error("internal error: no secondary placement to adjust");
      v = nodeMetricValues({ ...info.res.value, rMem, pRem: rMem / s.tMem, failN1 });
      m.set(rMem, v);
    }
    return v;
  }

  primary(p: Node, inst: Instance, force: boolean, spec: string): PriInfo {
    const sig = this.sig(p);
    const slot = this.pri.get(sig);
    if (slot && slot.spec === spec) return slot.value;
    const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
    const res = policy.ok ? addPriEx(force, p, inst) : policy;
    const shared = res.ok && p.instanceMap.size === 0 && res.value.instanceMap.size === 0;
    const info: PriInfo = { res, key: shared ? classKey(this.oldValues(p), nodeMetricValues(res.value), p.offline) : null };
    this.pri.set(sig, { spec, value: info });
    return info;
  }
}

export const KIND = METRIC_COMPONENTS.map((c) => c.kind);
export const ONLINE = METRIC_COMPONENTS.map((c) => c.online);
export const bitsOf = new Float64Array(1);
export const bitsView = new Uint32Array(bitsOf.buffer);
export const exact = (x: number) => {
  bitsOf[0] = x;
  return `${bitsView[0]}:${bitsView[1]}`;
};

/**
 * What a secondary's score depends on for a given primary (score-kernel's scoreWithSecondary): the before and
 * after values of the components it takes part in, except standard deviations it leaves unchanged, which pass
 * through untouched. Secondaries with the same key score the same.
 */
export function classKey(old: Float64Array, vals: Float64Array, offline: boolean): string {
  const parts: string[] = [offline ? "off" : "on"];
  for (let k = 0; k < old.length; k++) {
    if (ONLINE[k] === offline || KIND[k] === "map") continue;
    if (KIND[k] === "stddev" && old[k] === vals[k]) parts.push("=");
    else parts.push(`${exact(old[k]!)}>${exact(vals[k]!)}`);
  }
  return parts.join("|");
}

