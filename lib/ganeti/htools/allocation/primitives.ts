// Placing an instance on one node or on a (primary, secondary) pair (Ganeti's Cluster/AllocatePrimitives.hs):
// the reference versions that build the new node list. The candidate loops in try-alloc.ts compute the same
// results without building a list per candidate.
import type { Instance } from "../instance";
import { instMatchesPolicy, NO_SECONDARY, setBoth } from "../instance";
import { compCV, scoreAfterUpdates, scoreFromStatistics, type ClusterStatistics } from "../metrics";
import { addPriEx, addSec } from "../node-placement";
import type { OpResult } from "../types";
import { ok } from "../types";
import { withLocationScore } from "./moves";
import { updateStats } from "./score-kernel";
import type { AllocElement } from "./solution";
import type { AllocOptions, NodeList } from "./types";
import { elems, mustFind, withEntry } from "./types";

/**
 * allocateOnSingle: the instance on `pdx`, scored by recomputing the whole list as Ganeti does, or incrementally from
 * the list's statistics when given (the global N+1 check's recreations, where only the order of candidates matters).
 */
export function allocateOnSingle(opts: AllocOptions, nl: NodeList, inst: Instance, pdx: number, stats?: ClusterStatistics): OpResult<AllocElement> {
  const p = mustFind(nl, pdx);
  const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
  if (!policy.ok) return policy;
  const newP = addPriEx(opts.ignoreSoftErrors ?? false, p, inst);
  if (!newP.ok) return newP;
  const nodes = withEntry(nl, pdx, newP.value);
  return ok({ nodes, inst: setBoth(inst, pdx, NO_SECONDARY), changed: [newP.value], metric: stats ? scoreAfterUpdates(stats, [p], [newP.value]) : compCV(elems(nodes)) });
}

/** The element of a pair placement (no policy check), its score given. */
export function pairElement(opts: AllocOptions, nl: NodeList, inst: Instance, pdx: number, sdx: number, score: number | null, stats?: ClusterStatistics): OpResult<AllocElement> {
  const p = mustFind(nl, pdx);
  const s = mustFind(nl, sdx);
  const newInst = setBoth(withLocationScore(inst, p, s), pdx, sdx);
  const newP = addPriEx(opts.ignoreSoftErrors ?? false, p, newInst);
  if (!newP.ok) return newP;
  // The secondary is always checked strictly (Ganeti uses Node.addSec here).
  const newS = addSec(s, newInst, pdx);
  if (!newS.ok) return newS;
  const nodes = nl.slice();
  nodes[pdx] = newP.value;
  nodes[sdx] = newS.value;
  const metric = score ?? scoreFromStatistics(updateStats(updateStats(stats!, p, newP.value), s, newS.value));
  return ok({ nodes, inst: newInst, changed: [newP.value, newS.value], metric });
}

/** allocateOnPair: the instance on (`pdx`, `sdx`), scored incrementally from the list's statistics. */
export function allocateOnPair(opts: AllocOptions, stats: ClusterStatistics, nl: NodeList, inst: Instance, pdx: number, sdx: number): OpResult<AllocElement> {
  const p = mustFind(nl, pdx);
  const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
  if (!policy.ok) return policy;
  return pairElement(opts, nl, inst, pdx, sdx, null, stats);
}
