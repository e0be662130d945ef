// The candidate loops of allocation (Ganeti's Cluster.genAllocNodes and tryAlloc): every allowed node, or every
// ordered (primary, secondary) pair of a group, is tried and scored; the lowest score wins, the later candidate on
// a tie. The pair loop allocates nothing per pair: the primary's new node is built once per primary, each
// secondary's once per call (its reserved memory adjusted per primary where it already backs that primary), and
// the score comes from score-kernel.ts. Results equal allocateOnSingle / allocateOnPair's.
import type { Group } from "../cluster-data";
import type { Instance } from "../instance";
import { instMatchesPolicy, NO_SECONDARY, setBoth, usesSecMem } from "../instance";
import { instanceLocationScore } from "../loader";
import { clusterStatistics, scoreFromStatistics } from "../metrics";
import type { Node } from "../node";
import { unallocatedMem } from "../node";
import { addPriEx, addSec } from "../node-placement";
import type { OpResult } from "../types";
import { allocGlobalN1 } from "./global-n1";
import { pairElement } from "./primitives";
import { FullScorer, nodeMetricValues, primaryUpdate, scoreWithSecondary, updateStats } from "./score-kernel";
import type { AllocElement, AllocSolution, Candidate } from "./solution";
import { addFailures, annotateSolution, bestElement, collectionToSolution, compareScores, emptyFailures, formatScore, scoreLess } from "./solution";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems, mustFind, withEntry } from "./types";

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Where an instance may go: single nodes, or primaries each with their possible secondaries (AllocNodes). */
export type AllocNodes = { kind: "single"; nodes: number[] } | { kind: "pairs"; pairs: Array<{ p: number; ss: number[] }> };

/** genAllocNodes: the online (optionally allocable, optionally restricted) nodes, as singles or same-group pairs. */
export function genAllocNodes(opts: AllocOptions, groups: readonly Group[], nl: NodeList, count: number, dropUnallocable: boolean): Result<AllocNodes> {
  const restrict = opts.restrictToNodes ?? null;
  const all = elems(nl).filter(
    (n) =>
      !n.offline &&
      (!dropUnallocable || groups[n.group]?.allocPolicy !== "unallocable") &&
      (restrict === null || restrict.includes(n.name)),
  );
  if (count === 1) return { ok: true, value: { kind: "single", nodes: all.map((n) => n.idx) } };
  if (count === 2) {
    const pairs = all
      .map((p) => ({ p: p.idx, ss: all.filter((s) => s.idx !== p.idx && s.group === p.group).map((s) => s.idx) }))
      .filter((x) => x.ss.length > 0);
    return { ok: true, value: { kind: "pairs", pairs } };
  }
  return { ok: false, error: "Unsupported number of nodes, only one or two  supported" };
}

/** tryAlloc: the best placement of `inst` on the given candidates of list `nl` (scored over all of `nl`). */
export function tryAlloc(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance, targets: AllocNodes): Result<AllocSolution> {
  if (targets.kind === "single") {
    if (targets.nodes.length === 0) return { ok: false, error: "No online nodes" };
    return { ok: true, value: annotateSolution(trySingles(opts, nl, il, inst, targets.nodes), formatScore) };
  }
  if (targets.pairs.length === 0) return { ok: false, error: "Not enough online nodes" };
  return { ok: true, value: annotateSolution(tryPairs(opts, nl, il, inst, targets.pairs), formatScore) };
}

function trySingles(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance, nodes: number[]): AllocSolution {
  const force = opts.ignoreSoftErrors ?? false;
  const capacity = opts.capacityChecks ?? true;
  const failures = emptyFailures();
  const scoreOf = singleScorer(opts, nl);
  const placed = setBoth(inst, 0, NO_SECONDARY);
  const element = (pdx: number, node: Node, metric: number): AllocElement => ({
    nodes: withEntry(nl, pdx, node),
    inst: { ...placed, pNode: pdx },
    changed: [node],
    metric,
  });
  const candidates: Candidate<number>[] = [];
  let best: { pdx: number; node: Node; score: number } | null = null;
  let allocs = 0;
  for (const pdx of nodes) {
    const p = mustFind(nl, pdx);
    const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
    if (!policy.ok) {
      failures[policy.fail]++;
      continue;
    }
    const r = addPriEx(force, p, inst);
    if (!r.ok) {
      failures[r.fail]++;
      continue;
    }
    const node = r.value;
    const score = scoreOf(p, node);
    allocs++;
    if (capacity) candidates.push({ metric: score, element: () => element(pdx, node, score) });
    else if (best === null || !(best.score < score)) best = { pdx, node, score };
  }
  if (capacity) return collectionToSolution(failures, candidates, allocGlobalN1(opts, il, nl), "FailN1", compareScores);
  return { failures, allocs, solution: best && element(best.pdx, best.node, best.score), log: [] };
}

/** Scores a single-node placement: recomputed over the list as Ganeti does, or incrementally if asked. */
function singleScorer(opts: AllocOptions, nl: NodeList): (old: Node, replacement: Node) => number {
  if (!opts.incrementalSingleScore) {
    const full = new FullScorer(nl);
    return (old, replacement) => full.scoreReplacing(old.idx, replacement);
  }
  const stats = clusterStatistics(elems(nl));
  const base = primaryUpdate(stats);
  const oldVals = new Float64Array(base.values.length);
  const newVals = new Float64Array(base.values.length);
  return (old, replacement) => {
    if (old.instanceMap.size > 0 || replacement.instanceMap.size > 0) return scoreFromStatistics(updateStats(stats, old, replacement));
    return scoreWithSecondary(base, nodeMetricValues(old, oldVals), nodeMetricValues(replacement, newVals), old.offline);
  };
}

type SecondaryInfo = { res: OpResult<Node>; vals: Float64Array | null; scratch: Node | null };

function tryPairs(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance, pairs: Array<{ p: number; ss: number[] }>): AllocSolution {
  const force = opts.ignoreSoftErrors ?? false;
  const capacity = opts.capacityChecks ?? true;
  const n1 = capacity ? allocGlobalN1(opts, il, nl) : null;
  const stats = clusterStatistics(elems(nl));
  const failures = emptyFailures();
  const need = usesSecMem(inst) ? inst.mem : 0;
  const noLocation = { ...inst, locationScore: 0 };
  const oldVals: (Float64Array | undefined)[] = [];
  const secInfo: (SecondaryInfo | undefined)[] = [];
  const peerVals = new Float64Array(stats.sum.length);
  const valuesOf = (n: Node) => (oldVals[n.idx] ??= nodeMetricValues(n));
  const secondary = (s: Node): SecondaryInfo => {
    let info = secInfo[s.idx];
    if (info === undefined) {
      // As the secondary of a primary it does not back yet (no reserved memory for it so far).
      const res = addSec(s, noLocation, NO_SECONDARY);
      info = res.ok ? { res, vals: nodeMetricValues(res.value), scratch: { ...res.value } } : { res, vals: null, scratch: null };
      secInfo[s.idx] = info;
    }
    return info;
  };

  let best: { p: number; s: number; score: number } | null = null;
  let bestChecked: AllocElement | null = null;
  let allocs = 0;
  for (const { p, ss } of pairs) {
    const P = mustFind(nl, p);
    const policy = instMatchesPolicy(inst, P.iPolicy, P.exclStorage);
    const rP = policy.ok ? addPriEx(force, P, noLocation) : policy;
    if (!rP.ok) {
      failures[rP.fail] += ss.length;
      continue;
    }
    const newP0 = rP.value;
    const pu = primaryUpdate(updateStats(stats, P, newP0), { base: stats, oldP: P, newP: newP0 });
    const hasLocation = P.locationTags.size > 0;
    const candidates: Candidate<number>[] | null = n1 ? [] : null;
    for (const s of ss) {
      const S = mustFind(nl, s);
      const info = secondary(S);
      const peer = need > 0 ? (S.peers.get(p) ?? 0) : 0;
      let newVals: Float64Array;
      let newS: Node;
      if (peer === 0) {
        if (!info.res.ok) {
          failures[info.res.fail]++;
          continue;
        }
        newVals = info.vals!;
        newS = info.res.value;
      } else {
        if (!info.res.ok) {
          // Reserving more memory can only fail earlier, with FailMem instead of a later check's mode.
          const exact = addSec(S, noLocation, p);
          failures[exact.ok ? info.res.fail : exact.fail]++;
          continue;
        }
        // Node.addSec with this primary: r_mem grows to cover it (same formulas as node.ts's addSecExEx).
        const rMem = Math.max(S.rMem, peer + need);
        const failN1 = unallocatedMem(S) <= rMem;
        if (failN1 && !S.failN1) {
          failures.FailMem++;
          continue;
        }
        newS = info.scratch!;
        newS.rMem = rMem;
        newS.pRem = rMem / S.tMem;
        newS.failN1 = failN1;
        newVals = nodeMetricValues(newS, peerVals);
      }
      const common = hasLocation ? instanceLocationScore(P, S) : 0;
      const score =
        common === 0 || pu.locationSum
          ? scoreWithSecondary(pu, valuesOf(S), newVals, S.offline, common)
          : scoreFromStatistics(updateStats(updateStats(stats, P, { ...newP0, locationScore: newP0.locationScore + common }), S, newS));
      allocs++;
      if (candidates) candidates.push({ metric: score, element: () => buildPair(opts, nl, inst, p, s, score) });
      else if (best === null || !(best.score < score)) best = { p, s, score };
    }
    if (candidates) {
      const sol = collectionToSolution(emptyFailures(), candidates, n1, "FailN1", compareScores);
      addFailures(failures, sol.failures);
      allocs -= candidates.length - sol.allocs;
      bestChecked = bestElement(bestChecked, sol.solution, scoreLess);
    }
  }
  const solution = n1 ? bestChecked : best && buildPair(opts, nl, inst, best.p, best.s, best.score);
  return { failures, allocs, solution, log: [] };
}

function buildPair(opts: AllocOptions, nl: NodeList, inst: Instance, p: number, s: number, score: number): AllocElement {
  const r = pairElement(opts, nl, inst, p, s, score);
  if (!r.ok) throw new Error(`internal error: placement on ${p}/${s} no longer fits (${r.fail})`);
  return r.value;
}
