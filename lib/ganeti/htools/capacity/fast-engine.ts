// The allocation engine behind hspace's long loops: the same answers as Ganeti's tryAlloc (the reference in
// allocation/try-alloc.ts) for the best placement, the failure counts and the number of good placements, found
// faster on (primary, secondary) pairs:
// - what a node would become as primary or secondary of the spec is computed once per node version (nodes are
//   never mutated, so a node object that did not change keeps its cached results between placements);
// - secondaries whose component values before and after are identical give identical scores for a given primary,
//   so per primary only the last secondary of each such class is scored (the later pair wins a tie in Ganeti);
// - when only the outcome matters (the tiered shrinking), nothing is scored unless the global N+1 check needs it.
// Single-node placements, location tags and the global N+1 check go through the reference code.
import type { Instance } from "../instance";
import { usesSecMem } from "../instance";
import type { ClusterStatistics } from "../metrics";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { unallocatedMem } from "../node";
import { addSec } from "../node-placement";
import { pairElement } from "../allocation/primitives";
import type { PrimaryUpdate } from "../allocation/score-kernel";
import { primaryUpdate, scoreWithSecondary, updateStats } from "../allocation/score-kernel";
import type { AllocSolution, FailCounts } from "../allocation/solution";
import { emptyFailures } from "../allocation/solution";
import type { AllocNodes, Result } from "../allocation/try-alloc";
import { tryAlloc } from "../allocation/try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { elems, mustFind } from "../allocation/types";
import { redundant } from "../allocation/global-n1";
import type { AllocEngine } from "./engine";
import { noPrimaryFits } from "./engine";
import { type SecInfo, specKey, NodeCache } from "./node-cache";

type GroupScan = { classes: Array<{ members: number[]; info: SecInfo }> };

/**
 * metrics.ts's clusterStatistics with the same arithmetic in the same order, reading each node's component values
 * from a cache instead of recomputing them.
 */
export function statisticsFromValues(nodes: readonly Node[], valuesOf: (n: Node) => Float64Array): ClusterStatistics {
  const count = METRIC_COMPONENTS.length;
  const stats: ClusterStatistics = { n: new Float64Array(count), sum: new Float64Array(count), variance: new Float64Array(count), map: new Map() };
  const online = nodes.filter((n) => !n.offline);
  const offline = nodes.filter((n) => n.offline);
  const onVals = online.map(valuesOf);
  const offVals = offline.map(valuesOf);
  for (let k = 0; k < count; k++) {
    const c = METRIC_COMPONENTS[k]!;
    const list = c.online ? online : offline;
    const vals = c.online ? onVals : offVals;
    if (c.kind === "map") {
      for (const n of list) for (const [key, v] of n.instanceMap) stats.map.set(key, (stats.map.get(key) ?? 0) + v);
      continue;
    }
    let s = 0;
    for (const v of vals) s += v[k]!;
    stats.n[k] = list.length;
    stats.sum[k] = s;
    if (c.kind === "stddev") {
      const mean = s / list.length;
      let nvar = 0;
      for (const v of vals) {
        const d = v[k]! - mean;
        nvar += d * d;
      }
      stats.variance[k] = nvar / list.length;
    }
  }
  return stats;
}

/**
 * The member lists of the groups the pairs come from (each primary with every other member of its group, in index
 * order, as Ganeti's genAllocNodes builds them); null if the pairs do not have that shape.
 */
function pairGroups(pairs: ReadonlyArray<{ p: number; ss: number[] }>): { members: Map<number, number[]>; groupOf: Map<number, number> } | null {
  const members = new Map<number, Set<number>>();
  const groupOf = new Map<number, number>();
  // Union-find free: a pair list links p with all of ss; they must all be one group.
  let next = 0;
  for (const { p, ss } of pairs) {
    const known = [p, ...ss].map((x) => groupOf.get(x)).find((g) => g !== undefined);
    const g = known ?? next++;
    const set = members.get(g) ?? new Set<number>();
    members.set(g, set);
    for (const x of [p, ...ss]) {
      const old = groupOf.get(x);
      if (old !== undefined && old !== g) return null;
      groupOf.set(x, g);
      set.add(x);
    }
  }
  const sorted = new Map([...members].map(([g, set]) => [g, [...set].sort((a, b) => a - b)]));
  for (const { p, ss } of pairs) {
    const all = sorted.get(groupOf.get(p)!)!.filter((x) => x !== p);
    if (all.length !== ss.length || all.some((x, k) => x !== ss[k])) return null;
  }
  return { members: sorted, groupOf };
}

type PairScan = { failures: FailCounts; allocs: number; best: { p: number; s: number; score: number } | null };

export function fastEngine(targets: AllocNodes): AllocEngine {
  const cache = new NodeCache();
  const reference = (opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance) => tryAlloc(opts, nl, il, inst, targets);
  const usable = (opts: AllocOptions, nl: NodeList) =>
    targets.kind === "pairs" && targets.pairs.length > 0 && !elems(nl).some((n) => n.locationTags.size > 0) && opts.capacityChecks === false;

  // Ganeti pairs every allocable node with the other nodes of its group: keep the groups' member lists.
  const groups = targets.kind === "pairs" ? pairGroups(targets.pairs) : null;

  const specIds = new Map<string, string>();
  /** Interned spec keys: slot checks compare one string object, not the text. */
  const intern = (k: string) => {
    let v = specIds.get(k);
    if (v === undefined) {
      v = k;
      specIds.set(k, v);
    }
    return v;
  };

  /** All pairs: failure counts, good placements and (if `score`) the best one; null if the reference must decide. */
  function scanPairs(opts: AllocOptions, nl: NodeList, inst: Instance, score: boolean): PairScan | null {
    if (targets.kind !== "pairs" || groups === null) return null;
    const force = opts.ignoreSoftErrors ?? false;
    const noLocation: Instance = { ...inst, locationScore: 0 };
    const key = intern(specKey(noLocation, force));
    const need = usesSecMem(inst) ? inst.mem : 0;
    const failures = emptyFailures();
    const stats = score ? statisticsFromValues(elems(nl), (n) => cache.oldValues(n)) : null;
    const size = nl.length;
    let allocs = 0;
    let best: PairScan["best"] = null;
    // Per group: its members' secondary results in classes of equal score (members in index order).
    const scans: (GroupScan | undefined)[] = [];
    const sInfo: (SecInfo | undefined)[] = new Array(size);
    const sClass = new Int32Array(size);
    const backers: (number[] | undefined)[] = new Array(size);
    const puByClass = new Map<string, PrimaryUpdate>();
    const groupScan = (g: number): GroupScan => {
      let gs = scans[g];
      if (gs) return gs;
      const byKey = new Map<string, number>();
      gs = { classes: [] };
      for (const s of groups.members.get(g)!) {
        const S = mustFind(nl, s);
        const info = cache.secondary(S, noLocation, key);
        sInfo[s] = info;
        let c = byKey.get(info.key);
        if (c === undefined) {
          c = gs.classes.length;
          byKey.set(info.key, c);
          gs.classes.push({ members: [], info });
        }
        gs.classes[c]!.members.push(s);
        sClass[s] = c;
        if (need > 0) {
          for (const [pdx, v] of S.peers) {
            if (v === 0) continue;
            (backers[pdx] ??= []).push(s);
          }
        }
      }
      scans[g] = gs;
      return gs;
    };
    const special: number[] = [];
    const mark = new Int32Array(size);
    let round = 0;
    let specialIn = new Int32Array(16);
    for (const { p, ss } of targets.pairs) {
      const P = mustFind(nl, p);
      const priInfo = cache.primary(P, noLocation, force, key);
      const rP = priInfo.res;
      if (!rP.ok) {
        failures[rP.fail] += ss.length;
        continue;
      }
      const gs = groupScan(groups.groupOf.get(p)!);
      const classes = gs.classes;
      if (specialIn.length < classes.length) specialIn = new Int32Array(classes.length * 2);
      else specialIn.fill(0, 0, classes.length);
      round++;
      // Secondaries that already back this primary and whose r_mem would grow: handled one by one.
      special.length = 0;
      for (const s of backers[p] ?? []) {
        const S = mustFind(nl, s);
        const info = sInfo[s]!;
        if (!info.res.ok || (S.peers.get(p) ?? 0) + need > S.rMem) {
          special.push(s);
          mark[s] = round;
          specialIn[sClass[s]!]!++;
        }
      }
      let pu: PrimaryUpdate | null = null;
      if (stats) {
        // Primaries with the same values before and after update the statistics the same way.
        const shared = priInfo.key === null ? undefined : puByClass.get(priInfo.key);
        pu = shared ?? primaryUpdate(updateStats(stats, P, rP.value));
        if (priInfo.key !== null && !shared) puByClass.set(priInfo.key, pu);
      }
      let bestS = -1;
      let bestScore = 0;
      const own = sClass[p]!;
      for (let c = 0; c < classes.length; c++) {
        const { members, info } = classes[c]!;
        const count = members.length - (own === c ? 1 : 0) - specialIn[c]!;
        if (count === 0) continue;
        if (!info.res.ok) {
          failures[info.res.fail] += count;
          continue;
        }
        allocs += count;
        if (!pu) continue;
        let rep = -1;
        for (let k = members.length - 1; k >= 0; k--) {
          const s = members[k]!;
          if (s !== p && mark[s] !== round) {
            rep = s;
            break;
          }
        }
        // The representative's own values: members share only the components the score depends on.
        const S = mustFind(nl, rep);
        const sc = scoreWithSecondary(pu, cache.oldValues(S), sInfo[rep]!.vals!, S.offline);
        if (Number.isNaN(sc)) return null;
        if (bestS < 0 || sc < bestScore || (sc === bestScore && rep > bestS)) {
          bestS = rep;
          bestScore = sc;
        }
      }
      for (const s of special) {
        const S = mustFind(nl, s);
        const info = sInfo[s]!;
        if (!info.res.ok) {
          // Reserving more memory can only fail earlier, with FailMem instead of a later check's mode.
          const exact = addSec(S, noLocation, p);
          failures[exact.ok ? info.res.fail : exact.fail]++;
          continue;
        }
        const rMem = Math.max(S.rMem, (S.peers.get(p) ?? 0) + need);
        const failN1 = unallocatedMem(S) <= rMem;
        if (failN1 && !S.failN1) {
          failures.FailMem++;
          continue;
        }
        allocs++;
        if (!pu) continue;
        const sc = scoreWithSecondary(pu, cache.oldValues(S), cache.withReserve(S, info, rMem, failN1), S.offline);
        if (Number.isNaN(sc)) return null;
        if (bestS < 0 || sc < bestScore || (sc === bestScore && s > bestS)) {
          bestS = s;
          bestScore = sc;
        }
      }
      if (bestS >= 0 && (best === null || !(best.score < bestScore))) best = { p, s: bestS, score: bestScore };
    }
    return { failures, allocs, best };
  }

  function solutionOf(opts: AllocOptions, nl: NodeList, inst: Instance, scan: PairScan): AllocSolution {
    let solution = null;
    if (scan.best) {
      const r = pairElement(opts, nl, inst, scan.best.p, scan.best.s, scan.best.score);
      if (!r.ok) throw new Error(`internal error: placement on ${scan.best.p}/${scan.best.s} no longer fits (${r.fail})`);
      solution = r.value;
    }
    return { failures: scan.failures, allocs: scan.allocs, solution, log: [] };
  }

  return {
    tryAlloc(opts, nl, il, inst): Result<AllocSolution> {
      if (!usable(opts, nl)) return reference(opts, nl, il, inst);
      const scan = scanPairs(opts, nl, inst, true);
      if (scan === null) return reference(opts, nl, il, inst);
      return { ok: true, value: solutionOf(opts, nl, inst, scan) };
    },
    tryAllocOutcome(opts, nl, il, inst): Result<AllocSolution> {
      if (targets.kind !== "pairs" || targets.pairs.length === 0 || elems(nl).some((n) => n.locationTags.size > 0)) {
        return reference(opts, nl, il, inst);
      }
      const counts = scanPairs({ ...opts, capacityChecks: false }, nl, inst, false);
      if (counts === null) return reference(opts, nl, il, inst);
      // With global N+1 checks, good placements may turn into N+1 failures: let the reference order and check them.
      if (opts.capacityChecks !== false && counts.allocs > 0) return reference(opts, nl, il, inst);
      const any = counts.allocs > 0 ? scanPairs({ ...opts, capacityChecks: false }, nl, inst, true) : null;
      return { ok: true, value: any ? solutionOf(opts, nl, inst, any) : { failures: counts.failures, allocs: counts.allocs, solution: null, log: [] } };
    },
    redundant,
    cannotFitShrinking: (opts, nl, inst, fm) => noPrimaryFits(targets, opts, nl, inst, fm),
  };
}
