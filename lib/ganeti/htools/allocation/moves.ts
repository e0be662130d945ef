// Applying one instance move to a node list (Ganeti's Cluster/Moves.hs applyMoveEx and move), as node evacuation
// and the global N+1 check use them. Returns new lists; never mutates.
import type { Instance } from "../instance";
import { setBoth, setPri, setSec } from "../instance";
import { instanceLocationScore } from "../loader";
import type { Node } from "../node";
import { addPriEx, addSecEx, addSecExEx, checkMigration, removePri, removeSec } from "../node-placement";
import type { OpResult } from "../types";
import { ok } from "../types";
import type { IMove, InstanceList, NodeList } from "./types";
import { mustFind, withEntry } from "./types";

export type MoveResult = { nodes: NodeList; inst: Instance; pdx: number; sdx: number };

/** setInstanceLocationScore: the number of location tags primary and secondary share. */
export const withLocationScore = (i: Instance, p: Node, s: Node): Instance => ({ ...i, locationScore: instanceLocationScore(p, s) });

function put(nl: NodeList, ...entries: Array<[number, Node]>): NodeList {
  const out = nl.slice();
  for (const [k, n] of entries) out[k] = n;
  return out;
}

/**
 * removePri, remembering the last answer: evacuation tries one instance's move to every target in turn, and the node
 * it leaves is the same each time (nodes and instances are immutable, so the same inputs give the same node).
 */
let lastRemoval: { node: Node; inst: Instance; result: Node } | null = null;
function removePrimaryOnce(node: Node, inst: Instance): Node {
  if (lastRemoval?.node !== node || lastRemoval.inst !== inst) lastRemoval = { node, inst, result: removePri(node, inst) };
  return lastRemoval.result;
}

export function applyMoveEx(force: boolean, nl: NodeList, inst: Instance, mv: IMove): OpResult<MoveResult> {
  const oldPdx = inst.pNode;
  const oldSdx = inst.sNode;
  switch (mv.type) {
    case "Failover": {
      const oldP = mustFind(nl, oldPdx);
      const oldS = mustFind(nl, oldSdx);
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const mig = checkMigration(oldP, oldS);
      if (!mig.ok) return mig;
      const newP = addPriEx(oldP.offline || force, intS, inst);
      if (!newP.ok) return newP;
      const newS = addSecExEx(oldP.offline, oldP.offline || force, intP, inst, oldSdx);
      if (!newS.ok) return newS;
      return ok({ nodes: put(nl, [oldPdx, newS.value], [oldSdx, newP.value]), inst: setBoth(inst, oldSdx, oldPdx), pdx: oldSdx, sdx: oldPdx });
    }
    case "FailoverToAny": {
      const newPdx = mv.node;
      const oldP = mustFind(nl, oldPdx);
      const target = mustFind(nl, newPdx);
      const mig = checkMigration(oldP, target);
      if (!mig.ok) return mig;
      const newP = addPriEx(oldP.offline || force, target, inst);
      if (!newP.ok) return newP;
      return ok({ nodes: put(nl, [oldPdx, removePrimaryOnce(oldP, inst)], [newPdx, newP.value]), inst: setPri(inst, newPdx), pdx: newPdx, sdx: oldSdx });
    }
    case "ReplacePrimary": {
      const newPdx = mv.node;
      const oldP = mustFind(nl, oldPdx);
      const oldS = mustFind(nl, oldSdx);
      const tgt = mustFind(nl, newPdx);
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const newInst = setPri(withLocationScore(inst, tgt, intS), newPdx);
      const forceP = oldP.offline || force;
      for (const mig of [checkMigration(oldP, oldS), checkMigration(oldS, tgt)]) if (!mig.ok) return mig;
      const tmpS = addPriEx(forceP, intS, newInst);
      if (!tmpS.ok) return tmpS;
      const tmpS2 = removePri(tmpS.value, newInst);
      const newP = addPriEx(forceP, tgt, newInst);
      if (!newP.ok) return newP;
      const newS = addSecEx(forceP, tmpS2, newInst, newPdx);
      if (!newS.ok) return newS;
      return ok({ nodes: put(nl, [oldPdx, intP], [oldSdx, newS.value], [newPdx, newP.value]), inst: newInst, pdx: newPdx, sdx: oldSdx });
    }
    case "ReplaceSecondary": {
      const newSdx = mv.node;
      const oldS = mustFind(nl, oldSdx);
      const tgt = mustFind(nl, newSdx);
      const pnode = mustFind(nl, oldPdx);
      const pnode1 = removePri(pnode, inst);
      const intS = removeSec(oldS, inst);
      const newInst = setSec(withLocationScore(inst, pnode, tgt), newSdx);
      const newS = addSecEx(oldS.offline || force, tgt, newInst, oldPdx);
      if (!newS.ok) return newS;
      const pnode2 = addPriEx(true, pnode1, newInst);
      if (!pnode2.ok) return pnode2;
      return ok({ nodes: put(nl, [newSdx, newS.value], [oldSdx, intS], [oldPdx, pnode2.value]), inst: newInst, pdx: oldPdx, sdx: newSdx });
    }
    case "ReplaceAndFailover": {
      const newPdx = mv.node;
      const oldP = mustFind(nl, oldPdx);
      const oldS = mustFind(nl, oldSdx);
      const tgt = mustFind(nl, newPdx);
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const newInst = setBoth(withLocationScore(inst, tgt, intP), newPdx, oldPdx);
      const mig = checkMigration(oldP, tgt);
      if (!mig.ok) return mig;
      const newP = addPriEx(force, tgt, newInst);
      if (!newP.ok) return newP;
      const newS = addSecEx(oldS.offline || force, intP, newInst, newPdx);
      if (!newS.ok) return newS;
      return ok({ nodes: put(nl, [oldPdx, newS.value], [oldSdx, intS], [newPdx, newP.value]), inst: newInst, pdx: newPdx, sdx: oldPdx });
    }
    case "FailoverAndReplace": {
      const newSdx = mv.node;
      const oldP = mustFind(nl, oldPdx);
      const oldS = mustFind(nl, oldSdx);
      const tgt = mustFind(nl, newSdx);
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const forceP = oldP.offline || force;
      const newInst = setBoth(withLocationScore(inst, intS, tgt), oldSdx, newSdx);
      const mig = checkMigration(oldP, oldS);
      if (!mig.ok) return mig;
      const newP = addPriEx(forceP, intS, newInst);
      if (!newP.ok) return newP;
      const newS = addSecEx(forceP, tgt, newInst, oldSdx);
      if (!newS.ok) return newS;
      return ok({ nodes: put(nl, [oldSdx, newP.value], [oldPdx, intP], [newSdx, newS.value]), inst: newInst, pdx: oldSdx, sdx: newSdx });
    }
  }
}

/** Ganeti's `move`: apply a move ignoring soft errors, updating the instance list too. */
export function move(nl: NodeList, il: InstanceList, idx: number, mv: IMove): OpResult<{ nodes: NodeList; instances: InstanceList }> {
  const inst = mustFind(il, idx);
  const r = applyMoveEx(true, nl, inst, mv);
  if (!r.ok) return r;
  return ok({ nodes: r.value.nodes, instances: withEntry(il, idx, r.value.inst) });
}
