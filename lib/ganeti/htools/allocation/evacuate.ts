// Node evacuation (Ganeti's Cluster/Evacuate.hs): move each instance off the nodes being evacuated, choosing the
// target that leaves its group with the lowest score, and describe the moves as opcode jobs.
import type { Instance } from "../instance";
import { NO_SECONDARY } from "../instance";
import { clusterStatistics, compCV, scoreAfterUpdates, type ClusterStatistics } from "../metrics";
import type { Node } from "../node";
import type { OpResult } from "../types";
import { applyMoveEx } from "./moves";
import { instanceMirror } from "./templates";
import type { AllocOptions, EvacMode, IMove, InstanceList, NodeList } from "./types";
import { elems, mustFind, withEntry } from "./types";
import type { OpCode } from "./utils";
import { availableGroupNodes, instancePriGroup, iMoveToJob, splitCluster } from "./utils";

export type EvacSolution = {
  moved: Array<{ idx: number; gdx: number; nodes: number[] }>;
  failed: Array<{ idx: number; message: string }>;
  opcodes: OpCode[][];
};

export type EvacState = { nodes: NodeList; instances: InstanceList; solution: EvacSolution };

type Result<T> = { ok: true; value: T } | { ok: false; error: string };
type EvacStep = { nodes: NodeList; instances: InstanceList; opcodes: OpCode[] };

const fail = <T>(error: string): Result<T> => ({ ok: false, error });
const annotate = <T>(prefix: string, r: OpResult<T>): Result<T> => (r.ok ? r : fail(`${prefix}: ${r.fail}`));

/** Instance.allNodes: the primary, and the secondary if it has one. */
export const instanceNodes = (i: Instance): number[] => (i.sNode === NO_SECONDARY ? [i.pNode] : [i.pNode, i.sNode]);

/** compCVNodes of the target group's nodes in the new list. */
function groupScore(nl: NodeList, gdx: number): number {
  return compCV(elems(nl).filter((n) => n.group === gdx));
}

/** The same score from the group's statistics before the move, updated with the nodes the move changed. */
function groupScoreAfter(stats: ClusterStatistics, before: NodeList, after: NodeList, gdx: number): number {
  const olds: Node[] = [];
  const news: Node[] = [];
  for (let i = 0; i < after.length; i++) {
    const b = before[i];
    const a = after[i];
    if (a && b && a !== b && b.group === gdx) {
      olds.push(b);
      news.push(a);
    }
  }
  return scoreAfterUpdates(stats, olds, news);
}

/** evacOneNodeOnly: change the secondary (DRBD) or the primary (shared storage) to the best available node. */
function evacOneNodeOnly(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance, gdx: number, avail: number[]): Result<EvacStep> {
  const mirror = instanceMirror(inst);
  if (mirror === "none") return fail("Can't relocate/evacuate non-mirrored instances");
  const opFn = (ndx: number): IMove => (mirror === "internal" ? { type: "ReplaceSecondary", node: ndx } : { type: "FailoverToAny", node: ndx });
  const force = opts.ignoreSoftErrors ?? false;
  let failures = "";
  let best: { nodes: NodeList; inst: Instance; cv: number; ndx: number } | null = null;
  const stats = opts.incrementalSingleScore ? clusterStatistics(elems(nl).filter((n) => n.group === gdx)) : null;
  for (const ndx of avail) {
    const r = applyMoveEx(force, nl, inst, opFn(ndx));
    if (!r.ok) {
      if (best === null) failures += ` Node ${mustFind(nl, ndx).name} failed: ${r.fail};`;
      continue;
    }
    const cv = stats ? groupScoreAfter(stats, nl, r.value.nodes, gdx) : groupScore(r.value.nodes, gdx);
    if (best === null || !(best.cv < cv)) best = { nodes: r.value.nodes, inst: r.value.inst, cv, ndx };
  }
  if (best === null) return fail(`Can't find any good node: ${failures}`);
  const il2 = withEntry(il, inst.idx, best.inst);
  return { ok: true, value: { nodes: best.nodes, instances: il2, opcodes: iMoveToJob(best.nodes, il2, inst.idx, opFn(best.ndx)) } };
}

/** evacDrbdAllInner: r:P f r:S to put a DRBD instance on (P, S), failing over first if its primary is offline. */
function evacDrbdAllInner(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance, gdx: number, tPdx: number, tSdx: number): Result<EvacStep & { cv: number }> {
  const force = opts.ignoreSoftErrors ?? false;
  const moves: IMove[] = [];
  let nodes = nl;
  let cur = inst;
  if (mustFind(nl, inst.pNode).offline) {
    const r = annotate("Failing over to the secondary", applyMoveEx(force, nodes, cur, { type: "Failover" }));
    if (!r.ok) return r;
    ({ nodes, inst: cur } = r.value);
    moves.push({ type: "Failover" });
  }
  const steps: Array<[string, IMove]> = [
    ["Changing secondary to new primary", { type: "ReplaceSecondary", node: tPdx }],
    ["Failing over to new primary", { type: "Failover" }],
    ["Changing secondary to final secondary", { type: "ReplaceSecondary", node: tSdx }],
  ];
  for (const [what, mv] of steps) {
    const r = annotate(what, applyMoveEx(force, nodes, cur, mv));
    if (!r.ok) return r;
    ({ nodes, inst: cur } = r.value);
    moves.push(mv);
  }
  const il2 = withEntry(il, inst.idx, cur);
  const opcodes = moves.flatMap((mv) => iMoveToJob(nodes, il2, inst.idx, mv));
  return { ok: true, value: { nodes, instances: il2, opcodes, cv: groupScore(nodes, gdx) } };
}

/** nodeEvacInstance: evacuate one instance within (or into) group `gdx` using the available nodes. */
export function nodeEvacInstance(opts: AllocOptions, nl: NodeList, il: InstanceList, mode: EvacMode, inst: Instance, gdx: number, avail: number[]): Result<EvacStep> {
  const dt = inst.diskTemplate;
  if (dt === "plain" || dt === "file") return fail(`Instances of type ${dt} cannot be relocated`);
  if (dt !== "drbd") {
    if (mode === "secondary-only") return fail(`Instances with disk template '${dt}' can't execute change secondary`);
    return evacOneNodeOnly(opts, nl, il, inst, gdx, avail);
  }
  if (mode === "primary-only") {
    const r = applyMoveEx(opts.ignoreSoftErrors ?? false, nl, inst, { type: "Failover" });
    if (!r.ok) return fail(r.fail);
    const il2 = withEntry(il, inst.idx, r.value.inst);
    return { ok: true, value: { nodes: r.value.nodes, instances: il2, opcodes: iMoveToJob(r.value.nodes, il2, inst.idx, { type: "Failover" }) } };
  }
  if (mode === "secondary-only") return evacOneNodeOnly(opts, nl, il, inst, gdx, avail);
  let accu: Result<EvacStep & { cv: number }> = fail("no nodes available");
  for (const p of avail) {
    for (const s of avail) {
      if (p === s) continue;
      const r = evacDrbdAllInner(opts, nl, il, inst, gdx, p, s);
      if (!r.ok) {
        if (!accu.ok) accu = fail(`Allocation failed: ${r.error}`);
      } else if (!accu.ok || !(accu.value.cv < r.value.cv)) accu = r;
    }
  }
  if (!accu.ok) return fail(`Can't find any good nodes for relocation: ${accu.error}`);
  return { ok: true, value: accu.value };
}

/** updateEvacSolution: record a moved or failed instance. */
export function updateEvacSolution(state: EvacState, idx: number, r: Result<EvacStep>): EvacState {
  if (!r.ok) return { ...state, solution: { ...state.solution, failed: [...state.solution.failed, { idx, message: r.error }] } };
  const inst = mustFind(r.value.instances, idx);
  return {
    nodes: r.value.nodes,
    instances: r.value.instances,
    solution: {
      ...state.solution,
      moved: [...state.solution.moved, { idx, gdx: instancePriGroup(r.value.nodes, inst), nodes: instanceNodes(inst) }],
      opcodes: [...state.solution.opcodes, r.value.opcodes],
    },
  };
}

export const emptyEvacSolution = (): EvacSolution => ({ moved: [], failed: [], opcodes: [] });

/** The nodes being evacuated for these instances and mode (nodesToEvacuate). */
function nodesToEvacuate(il: InstanceList, mode: EvacMode, idxs: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (const idx of idxs) {
    const i = mustFind(il, idx);
    if (mode !== "secondary-only") out.add(i.pNode);
    if (mode !== "primary-only" && i.diskTemplate === "drbd") out.add(i.sNode);
  }
  out.delete(NO_SECONDARY);
  return out;
}

/** tryNodeEvac: the node-evacuate request (and relocate), instance by instance in request order. */
export function tryNodeEvac(opts: AllocOptions, nl: NodeList, il: InstanceList, mode: EvacMode, idxs: readonly number[]): EvacState {
  const excluded = nodesToEvacuate(il, mode, idxs);
  for (const n of elems(nl)) if (n.offline) excluded.add(n.idx);
  const groupNodes = splitCluster(nl, il).map((g) => ({ gdx: g.gdx, nodes: elems(g.nodes).map((n) => n.idx) }));
  let state: EvacState = { nodes: nl, instances: il, solution: emptyEvacSolution() };
  for (const idx of idxs) {
    const inst = mustFind(il, idx);
    const gdx = instancePriGroup(state.nodes, inst);
    const avail = availableGroupNodes(groupNodes, new Set([...excluded, inst.pNode]), gdx);
    const r: Result<EvacStep> = avail.ok ? nodeEvacInstance(opts, state.nodes, state.instances, mode, inst, gdx, avail.value) : avail;
    state = updateEvacSolution(state, idx, r);
  }
  return state;
}
