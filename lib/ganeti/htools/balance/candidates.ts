// Every move hbal may try for one instance, in Ganeti's order (Cluster.checkInstanceMove / possibleMoves), scored in
// O(1). Ganeti applies each move from scratch and recomputes the whole score; here the parts that do not depend on
// the target node are computed once per instance (the instance leaving its nodes, the old nodes taking their new
// role, keyed by the few values they depend on), together with their effect on the score's statistics, and the
// target's own update goes through the allocation-free fast path when it applies. A target then costs one or two
// small node computations and one statistics update per move type.
import type { Instance } from "../instance";
import type { Node } from "../node";
import { addPriEx, addSecEx, addSecExEx, removePri, removeSec } from "../node-placement";
import type { OpResult } from "../types";
import { mirrorType } from "../types";
import { addPriVector, addSecVector, fastPathApplies } from "./fast-node";
import type { MoveKind } from "./moves";
import type { GroupScorer, MapDelta, Partial } from "./scorer";
import { joinDeltas, pairsDelta } from "./scorer";
import { canMigrate, moveKinds, peerOf, sharedLocations } from "./move-kinds";
import type { AlgorithmOptions } from "./table";

/** Receives each candidate that passes the checks: the move (kind and target node, -1 for a failover) and its O(1) score. */
export type CandidateSink = (inst: Instance, kind: MoveKind, target: number, approx: number) => void;

/**
 * A node update: whether it passed, its component values, how its location-exclusion pairs changed and the node
 * to build on (after a fast-path update, the node before it).
 */
type Piece = { ok: boolean; vec: Float64Array; delta: MapDelta; node: Node };

/** The fixed part of a move (the nodes other than the target) with its effect on the statistics, once computed. */
type Fixed = { ok: boolean; partial: Partial | null };

const FAILED: Fixed = { ok: false, partial: null };
const SLOTS = 4;
const COMPONENTS = 20;

/** Generates and scores the candidates of one step; reuses its buffers from instance to instance. */
export class CandidateGenerator {
  private readonly onlineSet: ReadonlySet<number>;
  private readonly idxs = [0, 0, 0];
  private readonly vecs: Float64Array[] = [];
  private readonly deltas: MapDelta[] = [];
  // per-target caches: the target as primary / as secondary, by the inputs that change the result
  private priN = 0;
  private readonly priForce: boolean[] = new Array<boolean>(SLOTS).fill(false);
  private readonly priL: number[] = new Array<number>(SLOTS).fill(0);
  private readonly priOk: boolean[] = new Array<boolean>(SLOTS).fill(false);
  private readonly priVec = Array.from({ length: SLOTS }, () => new Float64Array(COMPONENTS));
  private readonly priDelta: MapDelta[] = [];
  private secN = 0;
  private readonly secForce: boolean[] = new Array<boolean>(SLOTS).fill(false);
  private readonly secPeer: number[] = new Array<number>(SLOTS).fill(0);
  private readonly secOk: boolean[] = new Array<boolean>(SLOTS).fill(false);
  private readonly secVec = Array.from({ length: SLOTS }, () => new Float64Array(COMPONENTS));
  private readonly secDelta: MapDelta[] = [];
  // per-instance state
  private inst!: Instance;
  private readonly located = new Map<number, Instance>();

  constructor(
    private readonly nodes: readonly Node[],
    private readonly online: readonly number[],
    private readonly scorer: GroupScorer,
    private readonly opts: AlgorithmOptions,
  ) {
    this.onlineSet = new Set(online);
  }

  /** A model update of the node at `idx` as a piece. */
  private piece(idx: number, res: OpResult<Node>): Piece {
    return res.ok
      ? { ok: true, vec: this.scorer.vectorOf(res.value), delta: this.scorer.mapDeltaOf(idx, res.value), node: res.value }
      : { ok: false, vec: EMPTY, delta: null, node: EMPTY_NODE };
  }

  private whole(idx: number, n: Node): Piece {
    return { ok: true, vec: this.scorer.vectorOf(n), delta: this.scorer.mapDeltaOf(idx, n), node: n };
  }

  /** `base` (the node at `idx`) taking the instance as primary, through the fast path when it applies. */
  private priPiece(idx: number, force: boolean, base: Piece, inst: Instance): Piece {
    if (fastPathApplies(base.node, inst)) {
      const vec = new Float64Array(COMPONENTS);
      const ok = addPriVector(force, base.node, inst, base.vec, vec);
      return { ok, vec, delta: joinDeltas(base.delta, pairsDelta(base.node, inst, 1)), node: base.node };
    }
    return this.piece(idx, addPriEx(force, base.node, inst));
  }

  /** `base` (the node at `idx`) taking the instance as secondary for primary `pdx`. */
  private secPiece(idx: number, force: boolean, base: Piece, inst: Instance, pdx: number, ignoreDisks = false): Piece {
    if (fastPathApplies(base.node, inst)) {
      const vec = new Float64Array(COMPONENTS);
      return { ok: addSecVector(force, base.node, inst, pdx, base.vec, vec, ignoreDisks), vec, delta: base.delta, node: base.node };
    }
    return this.piece(idx, addSecExEx(ignoreDisks, force, base.node, inst, pdx));
  }

  /** A move's fixed part from its pieces (all must have passed), with its partial statistics. */
  private fixed(idxs: number[], pieces: Piece[]): Fixed {
    if (pieces.some((p) => !p.ok)) return FAILED;
    const partial = this.scorer.partial(
      idxs.length,
      idxs,
      pieces.map((p) => p.vec),
      pieces.map((p) => p.delta),
    );
    return { ok: true, partial };
  }

  /** The instance with the location score of a new node pair. */
  private withL(l: number): Instance {
    const inst = this.inst;
    if (l === inst.locationScore) return inst;
    let v = this.located.get(l);
    if (!v) {
      v = { ...inst, locationScore: l };
      this.located.set(l, v);
    }
    return v;
  }

  /** Slot of the target `t` as primary of the instance (addPriEx), or -1 when refused. */
  private priOnT(t: number, force: boolean, l: number): number {
    for (let s = 0; s < this.priN; s++) if (this.priForce[s] === force && this.priL[s] === l) return this.priOk[s] ? s : -1;
    const s = this.priN++;
    const tgt = this.nodes[t]!;
    const inst = this.withL(l);
    this.priForce[s] = force;
    this.priL[s] = l;
    if (fastPathApplies(tgt, inst)) {
      this.priOk[s] = addPriVector(force, tgt, inst, this.scorer.baseVector(t), this.priVec[s]!);
      this.priDelta[s] = this.priOk[s] ? pairsDelta(tgt, inst, 1) : null;
    } else {
      const res = addPriEx(force, tgt, inst);
      this.priOk[s] = res.ok;
      if (res.ok) {
        this.priVec[s]!.set(this.scorer.vectorOf(res.value));
        this.priDelta[s] = this.scorer.mapDeltaOf(t, res.value);
      }
    }
    return this.priOk[s] ? s : -1;
  }

  /** Slot of the target `t` as secondary of the instance for primary `pdx` (addSecEx), or -1 when refused. */
  private secOnT(t: number, force: boolean, pdx: number): number {
    const tgt = this.nodes[t]!;
    const peer = peerOf(tgt, pdx);
    for (let s = 0; s < this.secN; s++) if (this.secForce[s] === force && this.secPeer[s] === peer) return this.secOk[s] ? s : -1;
    const s = this.secN++;
    const inst = this.inst;
    this.secForce[s] = force;
    this.secPeer[s] = peer;
    if (fastPathApplies(tgt, inst)) {
      this.secOk[s] = addSecVector(force, tgt, inst, pdx, this.scorer.baseVector(t), this.secVec[s]!);
      this.secDelta[s] = null;
    } else {
      const res = addSecEx(force, tgt, inst, pdx);
      this.secOk[s] = res.ok;
      if (res.ok) {
        this.secVec[s]!.set(this.scorer.vectorOf(res.value));
        this.secDelta[s] = this.scorer.mapDeltaOf(t, res.value);
      }
    }
    return this.secOk[s] ? s : -1;
  }

  /** Scores a move made of its fixed part and the target `t` (values `vec`, pair changes `delta`). */
  private score(fixed: Fixed, t: number, vec: Float64Array, delta: MapDelta): number {
    return this.scorer.approxPartial(fixed.partial!, t, vec, delta);
  }

  /**
   * Feeds `sink` every candidate move of `inst` that passes the node checks, in Ganeti's order: a plain failover
   * first, then for each target node the applicable move types.
   */
  generate(inst: Instance, sink: CandidateSink): void {
    const { nodes, opts } = this;
    this.inst = inst;
    this.located.clear();
    const force = opts.ignoreSoftErrors;
    const pdx = inst.pNode;
    const sdx = inst.sNode;
    const oldP = nodes[pdx]!;
    const mir = mirrorType(inst.diskTemplate);
    const useSecondary = this.onlineSet.has(sdx) && opts.instanceMoves;
    const kinds = moveKinds(inst, useSecondary, oldP.offline, opts);
    if (mir === "none" || (kinds.length === 0 && !(mir === "internal" && useSecondary))) return;
    const forceP = oldP.offline || force;

    if (mir === "external") {
      const leftP = this.fixed([pdx], [this.whole(pdx, removePri(oldP, inst))]);
      for (const t of this.online) {
        if (t === pdx || t === sdx) continue;
        this.priN = 0;
        if (!canMigrate(oldP, nodes[t]!)) continue;
        const s = this.priOnT(t, forceP, inst.locationScore);
        if (s >= 0) sink(inst, "FailoverToAny", t, this.score(leftP, t, this.priVec[s]!, this.priDelta[s] ?? null));
      }
      return;
    }

    const oldS = nodes[sdx]!;
    const intP = this.whole(pdx, removePri(oldP, inst));
    const intS = this.whole(sdx, removeSec(oldS, inst));
    const forceS = oldS.offline || force;
    const migPS = canMigrate(oldP, oldS);
    // the old secondary as primary (failover, failover-and-replace, the check of replace-primary), by location score
    const sAsPri = new Map<number, Piece>();
    const secondaryAsPrimary = (l: number): Piece => {
      let v = sAsPri.get(l);
      if (!v) {
        v = this.priPiece(sdx, forceP, intS, this.withL(l));
        sAsPri.set(l, v);
      }
      return v;
    };

    if (useSecondary && migPS) {
      // a plain failover (applyMove Failover): the old primary becomes the secondary
      const newP = secondaryAsPrimary(inst.locationScore);
      if (newP.ok) {
        const newS = this.secPiece(pdx, forceP, intP, inst, sdx, oldP.offline);
        if (newS.ok) {
          this.idxs[0] = pdx;
          this.vecs[0] = newS.vec;
          this.deltas[0] = newS.delta;
          this.idxs[1] = sdx;
          this.vecs[1] = newP.vec;
          this.deltas[1] = newP.delta;
          sink(inst, "Failover", -1, this.scorer.approx(2, this.idxs, this.vecs, this.deltas));
        }
      }
    }
    if (kinds.length === 0) return;

    // fixed parts, keyed by what they depend on:
    // replace-secondary: the old secondary left, the old primary re-taking the instance (by location score)
    const rsFixed = new Map<number, Fixed>();
    // replace-and-failover: the old primary as secondary for the target (by the memory it keeps for it)
    const rafFixed = new Map<number, Fixed>();
    // replace-primary: the old primary left, the old secondary after the migration keeping its role (by reservation
    // and location score); `sAfter` is that secondary before it takes its role
    const rpFixed = new Map<number, Fixed>();
    const sAfter = new Map<number, Piece>();
    // failover-and-replace: the old primary left, the old secondary as primary (by location score)
    const farFixed = new Map<number, Fixed>();
    const doRS = kinds.includes("ReplaceSecondary");
    const doRAF = kinds.includes("ReplaceAndFailover");
    const doRP = kinds.includes("ReplacePrimary");
    const doFAR = kinds.includes("FailoverAndReplace");

    for (const t of this.online) {
      if (t === pdx || t === sdx) continue;
      const tgt = nodes[t]!;
      this.priN = 0;
      this.secN = 0;
      const lS = sharedLocations(oldS, tgt);

      if (doRS) {
        const sec = this.secOnT(t, forceS, pdx);
        if (sec >= 0) {
          const lP = sharedLocations(oldP, tgt);
          let fx = rsFixed.get(lP);
          if (!fx) {
            fx = this.fixed([sdx, pdx], [intS, this.priPiece(pdx, true, intP, this.withL(lP))]);
            rsFixed.set(lP, fx);
          }
          if (fx.ok) sink(inst, "ReplaceSecondary", t, this.score(fx, t, this.secVec[sec]!, this.secDelta[sec] ?? null));
        }
      }
      if (doRAF && canMigrate(oldP, tgt)) {
        const pri = this.priOnT(t, force, sharedLocations(tgt, oldP));
        if (pri >= 0) {
          const peer = peerOf(intP.node, t);
          let fx = rafFixed.get(peer);
          if (!fx) {
            fx = this.fixed([pdx, sdx], [this.secPiece(pdx, forceS, intP, inst, t), intS]);
            rafFixed.set(peer, fx);
          }
          if (fx.ok) sink(inst, "ReplaceAndFailover", t, this.score(fx, t, this.priVec[pri]!, this.priDelta[pri] ?? null));
        }
      }
      if ((doRP || doFAR) && migPS) {
        const tmp = secondaryAsPrimary(lS);
        if (doRP && tmp.ok && canMigrate(oldS, tgt)) {
          const pri = this.priOnT(t, forceP, lS);
          if (pri >= 0) {
            let after = sAfter.get(lS);
            if (!after) {
              // through the model: the node after taking and releasing the instance, as Ganeti computes it
              const taken = addPriEx(forceP, intS.node, this.withL(lS));
              after = this.whole(sdx, taken.ok ? removePri(taken.value, this.withL(lS)) : intS.node);
              sAfter.set(lS, after);
            }
            const key = peerOf(after.node, t) * 64 + lS;
            let fx = rpFixed.get(key);
            if (!fx) {
              fx = this.fixed([pdx, sdx], [intP, this.secPiece(sdx, forceP, after, inst, t)]);
              rpFixed.set(key, fx);
            }
            if (fx.ok) sink(inst, "ReplacePrimary", t, this.score(fx, t, this.priVec[pri]!, this.priDelta[pri] ?? null));
          }
        }
        if (doFAR && tmp.ok) {
          const sec = this.secOnT(t, forceP, sdx);
          if (sec >= 0) {
            let fx = farFixed.get(lS);
            if (!fx) {
              fx = this.fixed([sdx, pdx], [tmp, intP]);
              farFixed.set(lS, fx);
            }
            if (fx.ok) sink(inst, "FailoverAndReplace", t, this.score(fx, t, this.secVec[sec]!, this.secDelta[sec] ?? null));
          }
        }
      }
    }
  }
}

const EMPTY = new Float64Array(0);
const EMPTY_NODE = {} as Node;
