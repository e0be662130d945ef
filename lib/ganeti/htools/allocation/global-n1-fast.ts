// The global N+1 check (Ganeti's GlobalN1.hs, reference in global-n1-reference.ts) on flat, mutable node records:
// each node's failure is simulated move by move in place and undone afterwards, instead of building new node lists
// for every target tried. The moves, the targets chosen (lowest score, ties as the reference breaks them) and the
// scores (same arithmetic, same order) are the reference's, so the answer is the same for every input; what the
// records do not model (exclusive storage, forthcoming or inconsistent instances) goes to the reference.
import { instMatchesPolicy, NO_SECONDARY, type Instance } from "../instance";
import type { IPolicy } from "../types";
import { locationExclusionPairs } from "../node";
import { canEvacuateNode, redundantReference, type EvacuationTrace } from "./global-n1-reference";
import { COMPONENTS, instanceFacts, N1NodeState, n1StateApplies, type InstanceFacts } from "./n1-node-state";
import { memberSet, SetStatistics, type MemberSet } from "./n1-scoring";
import { diskTemplateMovable } from "./templates";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems } from "./types";

const NO_PAIRS: readonly string[] = [];

/** Told the score of every target that fits, for tests checking them against the reference's arithmetic. */
export type CandidateTrace = (idx: number, node: number, score: number) => void;

/** A node's primaries as the reference evacuates them: DRBD failed over, shared storage moved, the rest recreated. */
type EvacuationPlan = { drbd: Instance[]; shared: Instance[]; other: Instance[] };

/** The simulation of one node list's failures, built once per check and reset after each node. */
class N1Simulation {
  private readonly state: N1NodeState;
  private readonly groups = new Map<number, MemberSet>();
  private readonly everyone: MemberSet;
  /** Statistics per member set, each recomputed only where the values changed. */
  private readonly statistics = new Map<MemberSet, SetStatistics>();
  private readonly leaving = new Float64Array(COMPONENTS);
  private migration: Int8Array | null = null;
  /** Per record class and side of the leaving node: the round it was scored in, whether it fit, and its score. */
  private classRound = new Int32Array(0);
  private classFits = new Uint8Array(0);
  private classScore = new Float64Array(0);
  private round = 0;
  private candidates: CandidateTrace | null = null;

  constructor(
    private readonly nl: NodeList,
    private readonly il: InstanceList,
  ) {
    this.state = new N1NodeState(nl);
    const byGroup = new Map<number, number[]>();
    const all: number[] = [];
    for (const n of elems(nl)) {
      all.push(n.idx);
      const list = byGroup.get(n.group) ?? [];
      list.push(n.idx);
      byGroup.set(n.group, list);
    }
    for (const [g, members] of byGroup) this.groups.set(g, memberSet(this.state, members));
    this.everyone = memberSet(this.state, all);
  }

  /** canEvacuateNode. */
  canEvacuate(ndx: number, trace?: EvacuationTrace, candidates?: CandidateTrace): boolean {
    const plan = this.plan(ndx);
    if (plan === null) return canEvacuateNode(this.nl, this.il, ndx, trace);
    this.candidates = candidates ?? null;
    try {
      return this.evacuate(ndx, plan, trace);
    } finally {
      this.candidates = null;
      this.state.restore();
    }
  }

  /** The node's primaries by how they leave, or null when the records cannot follow the reference exactly. */
  private plan(ndx: number): EvacuationPlan | null {
    const n = this.nl[ndx]!;
    const seen = new Set<number>();
    const plan: EvacuationPlan = { drbd: [], shared: [], other: [] };
    for (const idx of n.pList) {
      const inst = this.il[idx];
      if (inst === undefined || inst.idx !== idx || inst.forthcoming || inst.pNode !== ndx || seen.has(idx)) return null;
      seen.add(idx);
      if (inst.diskTemplate === "drbd") {
        const s = this.nl[inst.sNode];
        if (inst.sNode === NO_SECONDARY || inst.sNode === ndx || s === undefined || !s.sList.includes(idx)) return null;
        plan.drbd.push(inst);
      } else if (diskTemplateMovable(inst.diskTemplate)) plan.shared.push(inst);
      else plan.other.push(inst);
    }
    plan.other.sort((a, b) => b.mem - a.mem);
    return plan;
  }

  /**
   * The nodes whose records decide that `ndx` cannot even fail over its DRBD instances (itself and the secondaries up
   * to the one refusing), or null when the failovers succeed or the records cannot follow the reference.
   */
  failoverRefusal(ndx: number): Set<number> | null {
    const plan = this.plan(ndx);
    if (plan === null) return null;
    const read = new Set<number>([ndx]);
    try {
      return this.failOver(ndx, plan, undefined, read) ? null : read;
    } finally {
      this.state.restore();
    }
  }

  /** move … Failover of each DRBD instance: the secondary becomes the primary, the failed node keeps the disks. */
  private failOver(ndx: number, plan: EvacuationPlan, trace?: EvacuationTrace, read?: Set<number>): boolean {
    const st = this.state;
    for (const inst of plan.drbd) {
      const f = instanceFacts(inst);
      const s = inst.sNode;
      read?.add(s);
      if (!this.migrates(ndx, s)) return false;
      st.removePri(ndx, f);
      st.removeSec(s, f);
      if (!st.addPri(s, f)) return false;
      if (!st.addSec(ndx, f, s, st.offline(ndx))) return false;
      trace?.(inst.idx, s);
    }
    return true;
  }

  private evacuate(ndx: number, plan: EvacuationPlan, trace?: EvacuationTrace): boolean {
    if (!this.failOver(ndx, plan, trace)) return false;
    if (plan.shared.length === 0 && plan.other.length === 0) return true;
    const group = this.groups.get(this.nl[ndx]!.group)!;
    const escape = Array.from(group.all).filter((j) => j !== ndx);
    for (const inst of plan.shared) {
      const target = this.moveShared(ndx, instanceFacts(inst), group, escape);
      if (target < 0) return false;
      trace?.(inst.idx, target);
    }
    for (const inst of plan.other) {
      const target = this.recreate(instanceFacts(inst), escape);
      if (target < 0) return false;
      trace?.(inst.idx, target);
    }
    return true;
  }

  /** checkMigration between two nodes (their tags never change). */
  private migrates(src: number, dst: number): boolean {
    const from = this.nl[src]!;
    if (from.migTags.size === 0) return true;
    const size = this.nl.length;
    this.migration ??= new Int8Array(size * size);
    const cached = this.migration[src * size + dst]!;
    if (cached !== 0) return cached > 0;
    const to = this.nl[dst]!;
    let ok = true;
    for (const t of from.migTags) if (!to.rmigTags.has(t)) ok = false;
    this.migration[src * size + dst] = ok ? 1 : -1;
    return ok;
  }

  private statisticsOf(set: MemberSet): SetStatistics {
    let stats = this.statistics.get(set);
    if (!stats) {
      stats = new SetStatistics();
      this.statistics.set(set, stats);
    }
    stats.compute(this.state, set);
    return stats;
  }

  /** The location-exclusion component after `f` lands on target `t` (and leaves a node, `removed`). */
  private mapAfter(stats: SetStatistics, t: number, f: InstanceFacts, targetOnline: boolean, removed: number): number {
    const added = targetOnline && f.inst.exclTags.length > 0 ? locationExclusionPairs(this.nl[t]!, f.inst) : NO_PAIRS;
    return stats.mapAfterMove(removed, added);
  }

  /**
   * nodeEvacInstance "primary-only" of a shared-storage or diskless instance (evacOneNodeOnly, FailoverToAny): every
   * target of the group tried, the group scored incrementally, the lowest score taken, ties to the later target.
   */
  private moveShared(ndx: number, f: InstanceFacts, group: MemberSet, escape: readonly number[]): number {
    const st = this.state;
    const stats = this.statisticsOf(group);
    st.removePriTrial(ndx, f);
    this.leaving.set(st.trialVals);
    const leavingOffline = st.offline(ndx);
    const leavingDelta = leavingOffline ? 0 : st.removedPairs(ndx, f);
    stats.prepare(st.vals, { node: ndx, next: this.leaving, offline: leavingOffline });
    const share = this.startRound(f, escape);
    let best = -1;
    let bestCv = 0;
    for (const t of escape) {
      if (!this.migrates(ndx, t)) continue;
      const cv = this.candidateScore(stats, share, t, t > ndx ? 1 : 0, f, leavingDelta);
      if (cv === null) continue;
      if (best < 0 || !(bestCv < cv)) {
        best = t;
        bestCv = cv;
      }
    }
    if (best < 0) return -1;
    st.removePri(ndx, f);
    if (!st.addPri(best, f)) throw new Error("internal error: the chosen N+1 evacuation target no longer fits");
    return best;
  }

  /**
   * Start scoring the targets of one instance; true when targets with equal records may share their score (the
   * placement then depends on the record alone: no exclusion or desired-location tags).
   */
  private startRound(f: InstanceFacts, targets: readonly number[]): boolean {
    this.round++;
    const share = f.inst.exclTags.length === 0 && !f.desired;
    if (!share) return false;
    // Classes are made while the targets are classified; make room for all of them first.
    for (const t of targets) this.state.classOf(t);
    const slots = this.state.classes * 2;
    if (this.classRound.length < slots) {
      const size = Math.max(64, slots * 2);
      // Fresh arrays: no slot holds this round yet.
      this.classRound = new Int32Array(size);
      this.classFits = new Uint8Array(size);
      this.classScore = new Float64Array(size);
    }
    return true;
  }

  /**
   * The score of placing `f` on target `t` (null if it does not fit): computed, or taken from a target with the same
   * record scored earlier this round on the same side of the leaving node (equal inputs, equal score).
   */
  private candidateScore(stats: SetStatistics, share: boolean, t: number, side: number, f: InstanceFacts, removed: number): number | null {
    const st = this.state;
    const slot = share ? st.classOf(t) * 2 + side : -1;
    if (share && this.classRound[slot] === this.round) {
      if (!this.classFits[slot]) return null;
      this.candidates?.(f.inst.idx, t, this.classScore[slot]!);
      return this.classScore[slot]!;
    }
    const fits = st.addPriTrial(t, f);
    let cv = 0;
    if (fits) {
      const offline = st.offline(t);
      cv = stats.scoreCandidate(st.vals, t, st.trialVals, offline, this.mapAfter(stats, t, f, !offline, removed));
    }
    if (share) {
      this.classRound[slot] = this.round;
      this.classFits[slot] = fits ? 1 : 0;
      this.classScore[slot] = cv;
    }
    if (fits) this.candidates?.(f.inst.idx, t, cv);
    return fits ? cv : null;
  }

  /**
   * recreate: a non-movable instance placed on the best target (allocateOnSingle, scored incrementally over the
   * whole list), chosen as collectionToSolution orders the candidates.
   */
  private recreate(f: InstanceFacts, escape: readonly number[]): number {
    const st = this.state;
    const stats = this.statisticsOf(this.everyone);
    stats.prepare(st.vals, null);
    const share = this.startRound(f, escape);
    const policyOk = new Map<IPolicy, boolean>();
    const targets: number[] = [];
    const metrics: number[] = [];
    let sawNaN = false;
    for (const t of escape) {
      const node = this.nl[t]!;
      let allowed = policyOk.get(node.iPolicy);
      if (allowed === undefined) {
        allowed = instMatchesPolicy(f.inst, node.iPolicy, node.exclStorage).ok;
        policyOk.set(node.iPolicy, allowed);
      }
      if (!allowed) continue;
      const metric = this.candidateScore(stats, share, t, 1, f, 0);
      if (metric === null) continue;
      if (Number.isNaN(metric)) sawNaN = true;
      targets.push(t);
      metrics.push(metric);
    }
    if (targets.length === 0) return -1;
    const target = targets[sawNaN ? firstInSolutionOrder(metrics) : lowestLatest(metrics)]!;
    if (!st.addPri(target, f)) throw new Error("internal error: the chosen N+1 recreation target no longer fits");
    return target;
  }
}

/** The lowest metric, the later one among equals (collectionToSolution's order when no metric is NaN). */
function lowestLatest(metrics: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < metrics.length; k++) if (metrics[k]! <= metrics[best]!) best = k;
  return best;
}

/** collectionToSolution's first candidate, sorted exactly as it sorts them (NaN makes the comparison inconsistent). */
function firstInSolutionOrder(metrics: readonly number[]): number {
  const compare = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
  const order = metrics.map((_, k) => k).sort((x, y) => compare(metrics[x]!, metrics[y]!) || y - x);
  return order[0]!;
}

/** canEvacuateNode for any node of the list, the simulation set up once (the reference where it does not apply). */
export function nodeEvacuator(nl: NodeList, il: InstanceList): (ndx: number, trace?: EvacuationTrace, candidates?: CandidateTrace) => boolean {
  if (!n1StateApplies(nl)) return (ndx, trace) => canEvacuateNode(nl, il, ndx, trace);
  const sim = new N1Simulation(nl, il);
  return (ndx, trace, candidates) => sim.canEvacuate(ndx, trace, candidates);
}

/** The nodes redundant() must be able to evacuate (a node without primaries has nothing to move: always true). */
function checkedNodes(opts: AllocOptions, nl: NodeList) {
  const ignore = new Set(opts.capacityIgnoreGroups ?? []);
  return elems(nl).filter((n) => !(opts.acceptExisting && n.offline) && !ignore.has(n.group) && n.pList.length > 0);
}

/**
 * redundant: every node (offline ones too, unless accepting existing errors) can be evacuated. The nodes in
 * `likelyFailing` are simulated first (the answer does not depend on the order; a node that failed for a similar list
 * usually fails again, and then the others need not be simulated).
 */
export function redundantFast(opts: AllocOptions, nl: NodeList, il: InstanceList, likelyFailing: readonly number[] = []): boolean {
  if (!n1StateApplies(nl)) return redundantReference(opts, nl, il);
  const checked = checkedNodes(opts, nl);
  if (likelyFailing.length > 0) {
    const first = new Set(likelyFailing);
    checked.sort((a, b) => (first.has(a.idx) ? 0 : 1) - (first.has(b.idx) ? 0 : 1));
  }
  let canEvacuate: ((ndx: number) => boolean) | null = null;
  for (const n of checked) {
    canEvacuate ??= nodeEvacuator(nl, il);
    if (!canEvacuate(n.idx)) return false;
  }
  return true;
}

/** A checked node that cannot fail over its DRBD instances, and the nodes whose records decide that. */
export type FailoverRefusal = { node: number; read: Set<number> };

/**
 * Witnesses that the list is not N+1 redundant and stays so: each checked node that cannot fail over its DRBD
 * instances, with the nodes that failover reads (see N1Simulation.failoverRefusal). Failovers come first in every
 * evacuation and depend on those records alone, so a placement that leaves one such set unchanged leaves the list
 * not redundant. Empty when no node fails that way.
 */
export function failoverRefusals(opts: AllocOptions, nl: NodeList, il: InstanceList): FailoverRefusal[] {
  if (!n1StateApplies(nl)) return [];
  const sim = new N1Simulation(nl, il);
  const out: FailoverRefusal[] = [];
  for (const n of checkedNodes(opts, nl)) {
    const read = sim.failoverRefusal(n.idx);
    if (read) out.push({ node: n.idx, read });
  }
  // Smallest first: the most placements leave them untouched.
  return out.sort((a, b) => a.read.size - b.read.size);
}
