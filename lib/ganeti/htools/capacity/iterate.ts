// hspace's allocation loops (Ganeti's Cluster.iterateAlloc with its big steps, and tieredAlloc with the spec
// shrinking of sufficesShrinking). Lists are never mutated: each placement makes new node and instance
// arrays (two node entries change), so a big step that turns out not to be N+1 redundant is simply dropped.
import type { Instance } from "../instance";
import { shrinkByType } from "../instance";
import type { FailCounts, AllocSolution } from "../allocation/solution";
import { emptyFailures } from "../allocation/solution";
import { applyElement } from "../allocation/global-n1";
import type { Result } from "../allocation/try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { elems, sizeOf } from "../allocation/types";
import type { FailMode } from "../types";
import { FAIL_MODES } from "../types";
import type { AllocEngine } from "./engine";

/** Ganeti's AllocResult without the unused running statistics: failures of the last attempt, lists, placed instances (newest first). */
export type AllocRun = { failures: FailCounts; nodes: NodeList; instances: InstanceList; placed: Instance[] };

export type LoopContext = { engine: AllocEngine; opts: AllocOptions };

/** iterateAllocSmallStep: place copies of `newinst` one at a time until one does not fit or the limit is reached. */
export function iterateAllocSmallStep(ctx: LoopContext, opts: AllocOptions, start: AllocRun, limit: number | null, newinst: Instance): Result<AllocRun> {
  // DRBD placements are never checked for global N+1 here (Ganeti 3.0.2 does the same).
  const o = newinst.diskTemplate === "drbd" ? { ...opts, capacityChecks: false } : opts;
  let { nodes, instances, placed } = start;
  let left = limit;
  for (;;) {
    const name = `new-${placed.length}`;
    const inst: Instance = { ...newinst, name, alias: name, idx: sizeOf(instances) };
    const r = ctx.engine.tryAlloc(o, nodes, instances, inst);
    if (!r.ok) return r;
    const failures = r.value.failures;
    const e = r.value.solution;
    if (e === null || left === 0) return { ok: true, value: { failures, nodes, instances, placed } };
    ({ nodes, instances } = applyElement(instances, e));
    placed = [e.inst, ...placed];
    if (left !== null) left--;
  }
}

/** guessBigstepSize: about how many more instances the memory could take, less one per node; at least 20. */
export function guessBigstepSize(nl: NodeList, inst: Instance): number {
  const nodes = elems(nl);
  const unused = nodes.reduce((s, n) => s + n.fMem, 0);
  const reserved = roundHalfEven(Math.max(...nodes.map((n) => n.tMem)));
  const capacity = Math.floor((unused - reserved) / inst.mem);
  const guess = capacity - nodes.length;
  return guess < 20 ? 20 : guess;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * iterateAlloc: the same result as the small steps with global N+1 checks, faster: allocate a big step without
 * them and keep it if the end state is redundant; otherwise retry with steps of 10, then one by one.
 */
export function iterateAlloc(ctx: LoopContext, opts: AllocOptions, start: AllocRun, limit: number | null, newinst: Instance): Result<AllocRun> {
  // Without capacity checks, and for DRBD (whose small steps skip them), every path gives the one-by-one result.
  if (opts.capacityChecks === false || newinst.diskTemplate === "drbd") return iterateAllocSmallStep(ctx, opts, start, limit, newinst);
  return iterateAllocSteps(ctx, true, opts, start, limit, newinst);
}

function iterateAllocSteps(ctx: LoopContext, huge: boolean, opts: AllocOptions, start: AllocRun, limit: number | null, newinst: Instance): Result<AllocRun> {
  let state = start;
  let left = limit;
  for (;;) {
    const step = huge ? guessBigstepSize(state.nodes, newinst) : 10;
    const stepLimit = left === null ? step : Math.min(step, left);
    const newLimit = left === null ? null : Math.max(0, left - step);
    const r = iterateAllocSmallStep(ctx, { ...opts, capacityChecks: false }, state, stepLimit, newinst);
    if (!r.ok) return r;
    const res = r.value;
    if (ctx.engine.redundant(opts, res.nodes, res.instances)) {
      if (newLimit === 0 || res.placed.length === state.placed.length) return r;
      state = res;
      left = newLimit;
      continue;
    }
    if (huge) return iterateAllocSteps(ctx, false, opts, state, left, newinst);
    return iterateAllocSmallStep(ctx, opts, state, left, newinst);
  }
}

// ---- tiered allocation ------------------------------------------------------------------------------------------
// Ganeti 3.0.2 shrinks one unit at a time (later releases jump with doShrink/monotoneFind and give other tiers).

/** The failure modes by increasing count, ties in Ganeti's order (sortBy (comparing snd)). */
export function sortedErrs(f: FailCounts): FailMode[] {
  return [...FAIL_MODES].sort((a, b) => f[a] - f[b]);
}

type AllocFn = (inst: Instance) => AllocSolution;

/**
 * sufficesShrinking: the first shrink of `fm` alone that fits, while the failures still mention `fm` (only
 * instances that can still be shrunk count, as iterateOk lists them). Memoised per starting instance: the levels of
 * a shrink chain that placed nothing share one cluster state and walk the same sequences.
 */
export function sufficesShrinking(allocFn: AllocFn, inst: Instance, fm: FailMode, memo?: Map<string, Instance | null>): Instance | null {
  const path: string[] = [];
  let cur = inst;
  let result: Instance | null = null;
  for (;;) {
    const key = `${fm}|${specKey(cur)}`;
    if (memo?.has(key)) {
      result = memo.get(key)!;
      break;
    }
    path.push(key);
    const next = shrinkByType(cur, fm);
    if (!next.ok) break;
    const sol = allocFn(cur);
    if (sol.solution !== null) {
      result = cur;
      break;
    }
    if (sol.failures[fm] === 0) break;
    cur = next.value;
  }
  if (memo) for (const k of path) memo.set(k, result);
  return result;
}

const specKey = (i: Instance) => `${i.mem}/${i.vcpus}/${i.disks.map((d) => `${d.size}:${d.spindles}`).join(",")}`;

type StateCaches = { outcomes: Map<string, AllocSolution>; suffices: Map<string, Instance | null> };
const cachesByRun = new WeakMap<LoopContext, WeakMap<NodeList, StateCaches>>();

/** Results of allocFn and sufficesShrinking for one run and cluster state (a node list is never mutated). */
function stateCaches(ctx: LoopContext, nl: NodeList): StateCaches {
  let byState = cachesByRun.get(ctx);
  if (!byState) {
    byState = new WeakMap();
    cachesByRun.set(ctx, byState);
  }
  let c = byState.get(nl);
  if (!c) {
    c = { outcomes: new Map(), suffices: new Map() };
    byState.set(nl, c);
  }
  return c;
}

type Level = { base: AllocRun; inst: Instance; limit: number | null; newLimit: number | null };

/**
 * tieredAlloc: fill the cluster with `newinst`, then shrink the resource that failed most by one unit and go on
 * (recursively); a level whose deeper levels placed nothing more tries instead, for each failure mode from the most
 * frequent, shrinking that resource alone until something fits. The chain of one-unit shrinks can be thousands of
 * levels deep, so it is walked with an explicit stack.
 */
export function tieredAlloc(ctx: LoopContext, start: AllocRun, limit: number | null, newinst: Instance): Result<AllocRun> {
  const levels: Level[] = [];
  let state = start;
  let inst = newinst;
  let left = limit;
  let result: Result<AllocRun>;
  // Descend: each level fills the cluster with its spec, the next one shrinks the spec by one unit.
  for (;;) {
    const r = iterateAlloc(ctx, ctx.opts, state, left, inst);
    if (!r.ok) {
      result = r;
      break;
    }
    const base = r.value;
    const count = base.placed.length;
    const newLimit = left === null ? null : left - count;
    if (left !== null && left <= count) {
      result = r;
      break;
    }
    levels.push({ base, inst, limit: left, newLimit });
    const errs = sortedErrs(base.failures);
    const shrunk = shrinkByType(inst, errs[errs.length - 1]!);
    if (!shrunk.ok) {
      result = r;
      break;
    }
    state = base;
    inst = shrunk.value;
    left = newLimit;
  }
  // Unwind: keep a deeper result only if it placed more than this level did.
  while (levels.length > 0) {
    const { base, inst: levelInst, newLimit } = levels.pop()!;
    const progress = result.ok && sizeOf(result.value.instances) > sizeOf(base.instances);
    if (progress) continue;
    result = { ok: true, value: base };
    const caches = stateCaches(ctx, base.nodes);
    const cache = caches.outcomes;
    const allocFn: AllocFn = (x) => {
      const key = specKey(x);
      let sol = cache.get(key);
      if (!sol) {
        const t = ctx.engine.tryAllocOutcome(ctx.opts, base.nodes, base.instances, x);
        sol = t.ok ? t.value : { failures: emptyFailures(), allocs: 0, solution: null, log: [] };
        cache.set(key, sol);
      }
      return sol;
    };
    for (const fm of sortedErrs(base.failures).reverse()) {
      // A chain that cannot fit anywhere returns nothing; on a full cluster walking it is most of the run.
      if (ctx.engine.cannotFitShrinking(ctx.opts, base.nodes, levelInst, fm)) continue;
      const smaller = sufficesShrinking(allocFn, levelInst, fm, caches.suffices);
      if (smaller !== null) {
        result = tieredAlloc(ctx, base, newLimit, smaller);
        break;
      }
    }
  }
  return result;
}
