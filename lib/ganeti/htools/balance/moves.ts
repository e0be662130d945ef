// Instance moves as hbal tries them (Ganeti's Types.IMove and Cluster/Moves.hs applyMoveEx): each move is applied on
// copies of the two or three nodes it touches, through the model's checked node updates.
import type { Instance } from "../instance";
import { allNodes, isRunning, setBoth, setPri, setSec } from "../instance";
import { instanceLocationScore } from "../loader";
import type { Node } from "../node";
import { addPriEx, addSecEx, addSecExEx, checkMigration, removePri, removeSec } from "../node-placement";
import type { OpResult } from "../types";
import { bad, ok } from "../types";

export type IMove =
  | { kind: "Failover" }
  | { kind: "FailoverToAny"; node: number }
  | { kind: "ReplacePrimary"; node: number }
  | { kind: "ReplaceSecondary"; node: number }
  | { kind: "ReplaceAndFailover"; node: number }
  | { kind: "FailoverAndReplace"; node: number };

export type MoveKind = IMove["kind"];

export const FAILOVER: IMove = Object.freeze({ kind: "Failover" });

/** One step of a balancing solution: the instance, its new primary and secondary, the move and the score after it. */
export type Placement = { idx: number; pri: number; sec: number; move: IMove; score: number };

/** The nodes a move changed (index → new node), the moved instance and its new primary and secondary. */
export type MoveResult = { changed: Array<[number, Node]>; inst: Instance; pri: number; sec: number };

/** The instance with the location score of a new (primary, secondary) pair (Moves.setInstanceLocationScore). */
const withLocationScore = (inst: Instance, p: Node, s: Node): Instance => ({ ...inst, locationScore: instanceLocationScore(p, s) });

/**
 * Applies a move (applyMoveEx, Ganeti 3.0's Cluster/Moves.hs). `force` ignores the soft errors; moving off an
 * offline node ignores them as well.
 */
export function applyMove(force: boolean, nodes: readonly Node[], inst: Instance, move: IMove): OpResult<MoveResult> {
  const oldPdx = inst.pNode;
  const oldSdx = inst.sNode;
  const oldP = nodes[oldPdx]!;
  switch (move.kind) {
    case "Failover": {
      const oldS = nodes[oldSdx]!;
      const mig = checkMigration(oldP, oldS);
      if (!mig.ok) return bad(mig.fail);
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const newP = addPriEx(oldP.offline || force, intS, inst);
      if (!newP.ok) return bad(newP.fail);
      // off an offline primary the old primary keeps its disks as they are
      const newS = addSecExEx(oldP.offline, oldP.offline || force, intP, inst, oldSdx);
      if (!newS.ok) return bad(newS.fail);
      return ok({ changed: [[oldPdx, newS.value], [oldSdx, newP.value]], inst: setBoth(inst, oldSdx, oldPdx), pri: oldSdx, sec: oldPdx });
    }
    case "FailoverToAny": {
      const newPdx = move.node;
      const tgt = nodes[newPdx]!;
      const mig = checkMigration(oldP, tgt);
      if (!mig.ok) return bad(mig.fail);
      const newP = addPriEx(oldP.offline || force, tgt, inst);
      if (!newP.ok) return bad(newP.fail);
      return ok({ changed: [[oldPdx, removePri(oldP, inst)], [newPdx, newP.value]], inst: setPri(inst, newPdx), pri: newPdx, sec: oldSdx });
    }
    case "ReplacePrimary": {
      const newPdx = move.node;
      const oldS = nodes[oldSdx]!;
      const tgt = nodes[newPdx]!;
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const newInst = setPri(withLocationScore(inst, tgt, intS), newPdx);
      const forceP = oldP.offline || force;
      const mig1 = checkMigration(oldP, oldS);
      if (!mig1.ok) return bad(mig1.fail);
      const mig2 = checkMigration(oldS, tgt);
      if (!mig2.ok) return bad(mig2.fail);
      // the current secondary must be able to host the instance during the migration
      const tmpS = addPriEx(forceP, intS, newInst);
      if (!tmpS.ok) return bad(tmpS.fail);
      const tmpS2 = removePri(tmpS.value, newInst);
      const newP = addPriEx(forceP, tgt, newInst);
      if (!newP.ok) return bad(newP.fail);
      const newS = addSecEx(forceP, tmpS2, newInst, newPdx);
      if (!newS.ok) return bad(newS.fail);
      return ok({ changed: [[oldPdx, intP], [oldSdx, newS.value], [newPdx, newP.value]], inst: newInst, pri: newPdx, sec: oldSdx });
    }
    case "ReplaceSecondary": {
      const newSdx = move.node;
      const oldS = nodes[oldSdx]!;
      const tgt = nodes[newSdx]!;
      const pnode = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const forceS = oldS.offline || force;
      const newInst = setSec(withLocationScore(inst, oldP, tgt), newSdx);
      const newS = addSecEx(forceS, tgt, newInst, oldPdx);
      if (!newS.ok) return bad(newS.fail);
      const newP = addPriEx(true, pnode, newInst);
      if (!newP.ok) return bad(newP.fail);
      return ok({ changed: [[oldSdx, intS], [newSdx, newS.value], [oldPdx, newP.value]], inst: newInst, pri: oldPdx, sec: newSdx });
    }
    case "ReplaceAndFailover": {
      const newPdx = move.node;
      const oldS = nodes[oldSdx]!;
      const tgt = nodes[newPdx]!;
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const newInst = setBoth(withLocationScore(inst, tgt, intP), newPdx, oldPdx);
      const forceS = oldS.offline || force;
      const mig = checkMigration(oldP, tgt);
      if (!mig.ok) return bad(mig.fail);
      const newP = addPriEx(force, tgt, newInst);
      if (!newP.ok) return bad(newP.fail);
      const newS = addSecEx(forceS, intP, newInst, newPdx);
      if (!newS.ok) return bad(newS.fail);
      return ok({ changed: [[oldPdx, newS.value], [oldSdx, intS], [newPdx, newP.value]], inst: newInst, pri: newPdx, sec: oldPdx });
    }
    case "FailoverAndReplace": {
      const newSdx = move.node;
      const oldS = nodes[oldSdx]!;
      const tgt = nodes[newSdx]!;
      const intP = removePri(oldP, inst);
      const intS = removeSec(oldS, inst);
      const forceP = oldP.offline || force;
      const newInst = setBoth(withLocationScore(inst, intS, tgt), oldSdx, newSdx);
      const mig = checkMigration(oldP, oldS);
      if (!mig.ok) return bad(mig.fail);
      const newP = addPriEx(forceP, intS, newInst);
      if (!newP.ok) return bad(newP.fail);
      const newS = addSecEx(forceP, tgt, newInst, oldSdx);
      if (!newS.ok) return bad(newS.fail);
      return ok({ changed: [[oldSdx, newP.value], [newSdx, newS.value], [oldPdx, intP]], inst: newInst, pri: oldSdx, sec: newSdx });
    }
  }
}

/** The short form of a move in a solution line and the gnt-instance commands that carry it out (computeMoves). */
export function describeMove(inst: Instance, name: string, move: IMove, newPri: string, newSec: string): { moves: string; cmds: string[] } {
  const morf = isRunning(inst) ? "migrate" : "failover";
  const mig = `${morf} -f ${name}`;
  const rep = (n: string) => `replace-disks -n ${n} ${name}`;
  switch (move.kind) {
    case "Failover":
      return { moves: "f", cmds: [mig] };
    case "FailoverToAny":
      return { moves: `fa:${newPri}`, cmds: [`${morf} -f -n ${newPri} ${name}`] };
    case "FailoverAndReplace":
      return { moves: `f r:${newSec}`, cmds: [mig, rep(newSec)] };
    case "ReplaceSecondary":
      return { moves: `r:${newSec}`, cmds: [rep(newSec)] };
    case "ReplaceAndFailover":
      return { moves: `r:${newPri} f`, cmds: [rep(newPri), mig] };
    case "ReplacePrimary":
      return { moves: `f r:${newPri} f`, cmds: [mig, rep(newPri), mig] };
  }
}

/** Node indices a placement touches: the new ones and the instance's current ones (involvedNodes). */
export function involvedNodes(inst: Instance, plc: Placement): number[] {
  return [...new Set([plc.pri, plc.sec, ...allNodes(inst)].filter((n) => n >= 0))];
}
