// What hspace's loops need from allocation: Ganeti's tryAlloc over a fixed set of candidate nodes (hspace scores
// placements over the whole cluster, all groups at once) and the global N+1 check. The reference engine uses the
// allocation core; fast-engine.ts gives the same answers faster for the long loops.
import type { Instance } from "../instance";
import type { AllocSolution } from "../allocation/solution";
import { redundant } from "../allocation/global-n1";
import type { AllocNodes, Result } from "../allocation/try-alloc";
import { tryAlloc } from "../allocation/try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { mustFind } from "../allocation/types";
import { refusesWhateverShrinks } from "../node-placement";
import type { FailMode } from "../types";

export interface AllocEngine {
  /** tryAlloc on the engine's candidate nodes. */
  tryAlloc(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance): Result<AllocSolution>;
  /**
   * Only the failure counts and whether some placement is acceptable (what the tiered shrinking looks at);
   * `solution` may then be any acceptable placement, not necessarily the best.
   */
  tryAllocOutcome(opts: AllocOptions, nl: NodeList, il: InstanceList, inst: Instance): Result<AllocSolution>;
  redundant(opts: AllocOptions, nl: NodeList, il: InstanceList): boolean;
  /** True when no instance that differs from `inst` only in the resource `fm` shrinks can be placed (see noPrimaryFits). */
  cannotFitShrinking(opts: AllocOptions, nl: NodeList, inst: Instance, fm: FailMode): boolean;
}

/**
 * Every candidate primary refuses `inst` by a check that shrinking `fm` does not change, so no step of a shrink
 * chain of `fm` fits: hspace's tiered shrinking may skip the chain (it would return nothing) without walking it.
 */
export function noPrimaryFits(targets: AllocNodes, opts: AllocOptions, nl: NodeList, inst: Instance, fm: FailMode): boolean {
  const force = opts.ignoreSoftErrors ?? false;
  const primaries = targets.kind === "single" ? targets.nodes : targets.pairs.map((x) => x.p);
  return primaries.every((p) => refusesWhateverShrinks(force, mustFind(nl, p), inst, fm));
}

export function referenceEngine(targets: AllocNodes): AllocEngine {
  return {
    tryAlloc: (opts, nl, il, inst) => tryAlloc(opts, nl, il, inst, targets),
    tryAllocOutcome: (opts, nl, il, inst) => tryAlloc(opts, nl, il, inst, targets),
    redundant,
    cannotFitShrinking: (opts, nl, inst, fm) => noPrimaryFits(targets, opts, nl, inst, fm),
  };
}
