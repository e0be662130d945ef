// Shared shapes of the allocation core: Ganeti's node and instance "lists" (IntMaps keyed by index, here sparse
// arrays so a group's subset keeps the cluster-wide indices), the algorithm options hail and hspace pass down
// (AlgorithmParams.hs), and the moves an evacuation is made of (Types.IMove).
import type { Instance } from "../instance";
import type { Node } from "../node";

/** Nodes by index; a hole is a node outside this list (Ganeti's Container.filter keeps the keys). */
export type NodeList = readonly (Node | undefined)[];
/** Instances by index, with holes like NodeList. */
export type InstanceList = readonly (Instance | undefined)[];

/** The subset of Ganeti's AlgorithmOptions that allocation and evacuation read. */
export type AllocOptions = {
  /** Global N+1 capacity checks (off: `--no-capacity-checks`). Default true. */
  capacityChecks?: boolean;
  /** `--ignore-soft-errors`: skip the soft checks (N+1 of one node, CPU ratio, tags, low disk). */
  ignoreSoftErrors?: boolean;
  /** `--restrict-allocation-to` or the request's `restrict-to-nodes`: only these node names may be used. */
  restrictToNodes?: readonly string[] | null;
  /** hspace's `--accept-existing-errors`: offline nodes need not be evacuable for the capacity check. */
  acceptExisting?: boolean;
  /** Groups the capacity check ignores (hspace's `--independent-groups`). */
  capacityIgnoreGroups?: readonly number[];
  /** hbal's evacuation mode flag; kept for the capacity check, which sets it. */
  evacMode?: boolean;
  /**
   * Score single-node placements and evacuation targets incrementally instead of recomputing the list as Ganeti
   * does: O(1) per candidate, for hspace's long runs and the global N+1 check's simulated evacuations (run for every
   * allocation); scores differ by under 1e-12, so exact ties may resolve differently. Default false.
   */
  incrementalSingleScore?: boolean;
};

/** Ganeti's instance moves (Types.IMove). */
export type IMove =
  | { type: "Failover" }
  | { type: "FailoverToAny"; node: number }
  | { type: "ReplacePrimary"; node: number }
  | { type: "ReplaceSecondary"; node: number }
  | { type: "ReplaceAndFailover"; node: number }
  | { type: "FailoverAndReplace"; node: number };

/** Ganeti's evacuation modes (Types.EvacMode) with their iallocator names. */
export type EvacMode = "primary-only" | "secondary-only" | "all";

/** Elements of a list in index order (Container.elems). */
export function elems<T>(list: readonly (T | undefined)[]): T[] {
  const out: T[] = [];
  for (const x of list) if (x !== undefined) out.push(x);
  return out;
}

/** Number of elements (Container.size). */
export function sizeOf<T>(list: readonly (T | undefined)[]): number {
  let n = 0;
  for (const x of list) if (x !== undefined) n++;
  return n;
}

/** A copy of the list with `value` at `key` (Container.add). */
export function withEntry<T>(list: readonly (T | undefined)[], key: number, value: T): (T | undefined)[] {
  const out = list.slice();
  out[key] = value;
  return out;
}

/** The elements that satisfy `pred`, keeping their indices (Container.filter). */
export function filterList<T>(list: readonly (T | undefined)[], pred: (x: T) => boolean): (T | undefined)[] {
  return list.map((x) => (x !== undefined && pred(x) ? x : undefined));
}

export function mustFind<T>(list: readonly (T | undefined)[], key: number): T {
  const x = list[key];
  if (x === undefined) throw new Error(`IntMap.!: key ${key} is not an element of the map`);
  return x;
}
