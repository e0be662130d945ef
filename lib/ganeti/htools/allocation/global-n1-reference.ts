// The global N+1 check as Ganeti's GlobalN1.hs writes it, on immutable node and instance lists: every evacuation is
// simulated by building new lists move by move. This is the reference the fast check (global-n1-fast.ts) must agree
// with, and its fallback for the inputs the fast check does not model.
import type { Instance } from "../instance";
import { clusterStatistics } from "../metrics";
import { applyElement } from "./apply-element";
import { nodeEvacInstance } from "./evacuate";
import { move } from "./moves";
import { allocateOnSingle } from "./primitives";
import type { Candidate } from "./solution";
import { collectionToSolution, compareScores, emptyFailures } from "./solution";
import { diskTemplateMovable } from "./templates";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems, mustFind } from "./types";

// Only whether every node can be evacuated matters here, so candidates are scored incrementally.
export const N1_OPTIONS: AllocOptions = { ignoreSoftErrors: true, evacMode: true, incrementalSingleScore: true };

/** Told where each instance of a simulated evacuation went (its new primary), so tests can compare implementations. */
export type EvacuationTrace = (idx: number, node: number) => void;

/** recreate: put a non-movable instance on the best of the target nodes. */
function recreate(targets: number[], nl: NodeList, il: InstanceList, inst: Instance, trace?: EvacuationTrace): { nodes: NodeList; instances: InstanceList } | null {
  const failures = emptyFailures();
  const successes: Candidate<number>[] = [];
  const stats = N1_OPTIONS.incrementalSingleScore ? clusterStatistics(elems(nl)) : undefined;
  for (const t of targets) {
    const r = allocateOnSingle(N1_OPTIONS, nl, inst, t, stats);
    if (!r.ok) failures[r.fail]++;
    else successes.push({ metric: r.value.metric, element: () => r.value });
  }
  const sol = collectionToSolution(failures, successes, null, "FailN1", compareScores);
  if (sol.solution) trace?.(inst.idx, sol.solution.inst.pNode);
  return sol.solution ? applyElement(il, sol.solution) : null;
}

/** canEvacuateNode: whether all instances with `ndx` as primary can run elsewhere. */
export function canEvacuateNode(nl: NodeList, il: InstanceList, ndx: number, trace?: EvacuationTrace): boolean {
  const n = mustFind(nl, ndx);
  const drbd: number[] = [];
  const shared: number[] = [];
  const other: number[] = [];
  for (const idx of n.pList) {
    const t = mustFind(il, idx).diskTemplate;
    if (t === "drbd") drbd.push(idx);
    else if (diskTemplateMovable(t)) shared.push(idx);
    else other.push(idx);
  }
  let nodes = nl;
  let instances = il;
  for (const idx of drbd) {
    const r = move(nodes, instances, idx, { type: "Failover" });
    if (!r.ok) return false;
    ({ nodes, instances } = r.value);
    trace?.(idx, mustFind(instances, idx).pNode);
  }
  const escape = elems(nodes)
    .filter((x) => x.group === n.group && x.idx !== ndx)
    .map((x) => x.idx);
  for (const idx of shared) {
    const r = nodeEvacInstance(N1_OPTIONS, nodes, instances, "primary-only", mustFind(instances, idx), n.group, escape);
    if (!r.ok) return false;
    ({ nodes, instances } = r.value);
    trace?.(idx, mustFind(instances, idx).pNode);
  }
  const toRecreate = other.map((idx) => mustFind(instances, idx)).sort((a, b) => b.mem - a.mem);
  for (const inst of toRecreate) {
    const r = recreate(escape, nodes, instances, inst, trace);
    if (!r) return false;
    ({ nodes, instances } = r);
  }
  return true;
}

/** redundant: every node (offline ones too, unless accepting existing errors) can be evacuated. */
export function redundantReference(opts: AllocOptions, nl: NodeList, il: InstanceList): boolean {
  const ignore = new Set(opts.capacityIgnoreGroups ?? []);
  for (const n of elems(nl)) {
    if (opts.acceptExisting && n.offline) continue;
    if (ignore.has(n.group)) continue;
    if (!canEvacuateNode(nl, il, n.idx)) return false;
  }
  return true;
}
