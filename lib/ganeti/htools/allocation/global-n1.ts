// Global N+1 redundancy (Ganeti's GlobalN1.hs): a placement is acceptable only if afterwards every node could
// fail and all its instances still run elsewhere — DRBD ones failed over, shared-storage ones moved within the
// group, the rest recreated on another node of the group.
import type { Instance } from "../instance";
import { clusterStatistics } from "../metrics";
import { nodeEvacInstance } from "./evacuate";
import { move } from "./moves";
import { allocateOnSingle } from "./primitives";
import type { AllocElement, Candidate } from "./solution";
import { collectionToSolution, compareScores, emptyFailures } from "./solution";
import { diskTemplateMovable } from "./templates";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems, mustFind, sizeOf } from "./types";

// Only whether every node can be evacuated matters here, so candidates are scored incrementally.
const N1_OPTIONS: AllocOptions = { ignoreSoftErrors: true, evacMode: true, incrementalSingleScore: true };

/** The lists after a placement: the instance added at index `size il`, placeholder indices fixed (updateIl, extractNl). */
export function applyElement(il: InstanceList, e: AllocElement<unknown>): { nodes: NodeList; instances: InstanceList } {
  const newIndex = sizeOf(il);
  const instances = il.slice();
  instances[newIndex] = e.inst;
  const nodes = e.nodes.slice();
  const fix = (list: number[]) => (list.some((x) => x < 0) ? list.map((x) => (x < 0 ? newIndex : x)) : list);
  for (const changed of e.changed) {
    const n = mustFind(nodes, changed.idx);
    nodes[changed.idx] = { ...n, pList: fix(n.pList), sList: fix(n.sList) };
  }
  return { nodes, instances };
}

/** recreate: put a non-movable instance on the best of the target nodes. */
function recreate(targets: number[], nl: NodeList, il: InstanceList, inst: Instance): { nodes: NodeList; instances: InstanceList } | null {
  const failures = emptyFailures();
  const successes: Candidate<number>[] = [];
  const stats = N1_OPTIONS.incrementalSingleScore ? clusterStatistics(elems(nl)) : undefined;
  for (const t of targets) {
    const r = allocateOnSingle(N1_OPTIONS, nl, inst, t, stats);
    if (!r.ok) failures[r.fail]++;
    else successes.push({ metric: r.value.metric, element: () => r.value });
  }
  const sol = collectionToSolution(failures, successes, null, "FailN1", compareScores);
  return sol.solution ? applyElement(il, sol.solution) : null;
}

/** canEvacuateNode: whether all instances with `ndx` as primary can run elsewhere. */
export function canEvacuateNode(nl: NodeList, il: InstanceList, ndx: number): boolean {
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
  }
  const escape = elems(nodes)
    .filter((x) => x.group === n.group && x.idx !== ndx)
    .map((x) => x.idx);
  for (const idx of shared) {
    const r = nodeEvacInstance(N1_OPTIONS, nodes, instances, "primary-only", mustFind(instances, idx), n.group, escape);
    if (!r.ok) return false;
    ({ nodes, instances } = r.value);
  }
  const toRecreate = other.map((idx) => mustFind(instances, idx)).sort((a, b) => b.mem - a.mem);
  for (const inst of toRecreate) {
    const r = recreate(escape, nodes, instances, inst);
    if (!r) return false;
    ({ nodes, instances } = r);
  }
  return true;
}

/** redundant: every node (offline ones too, unless accepting existing errors) can be evacuated. */
export function redundant(opts: AllocOptions, nl: NodeList, il: InstanceList): boolean {
  const ignore = new Set(opts.capacityIgnoreGroups ?? []);
  for (const n of elems(nl)) {
    if (opts.acceptExisting && n.offline) continue;
    if (ignore.has(n.group)) continue;
    if (!canEvacuateNode(nl, il, n.idx)) return false;
  }
  return true;
}

/** allocGlobalN1: whether the cluster stays globally N+1 redundant with this placement. */
export function allocGlobalN1(opts: AllocOptions, il: InstanceList): (e: AllocElement<unknown>) => boolean {
  return (e) => {
    const after = applyElement(il, e);
    return redundant(opts, after.nodes, after.instances);
  };
}
