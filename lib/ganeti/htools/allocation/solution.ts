// Allocation solutions (Ganeti's Cluster/AllocationSolution.hs): the best placement found, how many placements
// worked, why the others failed, and the log lines hail prints in its `info`.
import type { Group } from "../cluster-data";
import type { Instance } from "../instance";
import type { Node } from "../node";
import type { FailMode } from "../types";
import { FAIL_MODES } from "../types";
import type { NodeList } from "./types";

/** Failure counts by mode (Ganeti keeps a list; only the counts are ever used). */
export type FailCounts = Record<FailMode, number>;

export const emptyFailures = (): FailCounts =>
  Object.fromEntries(FAIL_MODES.map((m) => [m, 0])) as FailCounts;

export function addFailures(into: FailCounts, from: FailCounts): FailCounts {
  for (const m of FAIL_MODES) into[m] += from[m];
  return into;
}

export const failureTotal = (f: FailCounts): number => FAIL_MODES.reduce((s, m) => s + f[m], 0);

/** The non-zero counts, in Ganeti's FailMode order. */
export function failureStats(f: FailCounts): Partial<Record<FailMode, number>> {
  const out: Partial<Record<FailMode, number>> = {};
  for (const m of FAIL_MODES) if (f[m] > 0) out[m] = f[m];
  return out;
}

/** "FailMem: 3, FailDisk: 1" (the freasons of describeSolution). */
export const formatFailures = (f: FailCounts): string =>
  FAIL_MODES.filter((m) => f[m] > 0)
    .map((m) => `${m}: ${f[m]}`)
    .join(", ");

/** One placement: the new node list, the placed instance, the nodes it landed on (new versions) and its metric. */
export type AllocElement<M = number> = { nodes: NodeList; inst: Instance; changed: Node[]; metric: M };

export type AllocSolution<M = number> = {
  failures: FailCounts;
  allocs: number;
  solution: AllocElement<M> | null;
  log: string[];
};

export const emptySolution = <M>(): AllocSolution<M> => ({ failures: emptyFailures(), allocs: 0, solution: null, log: [] });

/** Ganeti's bestAllocElement: the first unless the second is at least as good (ties go to the later one). */
export function bestElement<M>(
  a: AllocElement<M> | null,
  b: AllocElement<M> | null,
  less: (x: M, y: M) => boolean,
): AllocElement<M> | null {
  if (b === null) return a;
  if (a === null) return b;
  return less(a.metric, b.metric) ? a : b;
}

/** Ganeti's sumAllocs (the log of `b` goes first; allocation counts and failures add up). */
export function sumAllocs<M>(a: AllocSolution<M>, b: AllocSolution<M>, less: (x: M, y: M) => boolean): AllocSolution<M> {
  return {
    failures: addFailures(addFailures(emptyFailures(), b.failures), a.failures),
    allocs: a.allocs + b.allocs,
    solution: bestElement(a.solution, b.solution, less),
    log: [...b.log, ...a.log],
  };
}

export const scoreLess = (x: number, y: number): boolean => x < y;

/** printf "%.8f" as GHC formats a Double. */
export const formatScore = (x: number): string => x.toFixed(8);

/** describeSolution's line for a solution. */
export function describeSolution<M>(s: AllocSolution<M>, formatMetric: (m: M) => string): string {
  const total = failureTotal(s.failures);
  if (s.solution === null) {
    return `No valid allocation solutions, failure reasons: ${total === 0 ? "unknown reasons" : formatFailures(s.failures)}`;
  }
  const nodes = s.solution.changed.map((n) => n.name).join("/");
  return `score: ${formatMetric(s.solution.metric)}, successes ${s.allocs}, failures ${total} (${formatFailures(s.failures)}) for node(s) ${nodes}`;
}

/** annotateSolution: the description goes in front of the log. */
export function annotateSolution<M>(s: AllocSolution<M>, formatMetric: (m: M) => string): AllocSolution<M> {
  return { ...s, log: [describeSolution(s, formatMetric), ...s.log] };
}

/** A group's attempt: a solution or the error that stopped it. */
export type GroupResult<M = number> = { ok: true; value: AllocSolution<M> } | { ok: false; error: string };

/** solutionDescription: "Group NAME (POLICY): line" for each log line, or "Group NAME: error MSG". */
export function solutionDescription<M>(group: Group, result: GroupResult<M>): string[] {
  if (!result.ok) return [`Group ${group.name}: error ${result.error}`];
  return result.value.log.map((line) => `Group ${group.name} (${group.allocPolicy}): ${line}`);
}

/** The log joined as hail's `info` shows it (describeSolution in IAlloc.hs). */
export const solutionLog = <M>(s: AllocSolution<M>): string => s.log.join(", ");

/** A successful placement whose element is only built when needed (most are never looked at). */
export type Candidate<M> = { metric: M; element: () => AllocElement<M> };

/**
 * Ganeti's collectionToSolution: of the successful placements (given in evaluation order), sorted by metric with
 * later ones first among equals, the best one that satisfies `isGood`; those skipped before it count as `failMode`.
 */
export function collectionToSolution<M>(
  failures: FailCounts,
  successes: Candidate<M>[],
  isGood: ((e: AllocElement<M>) => boolean) | null,
  failMode: FailMode,
  compare: (x: M, y: M) => number,
): AllocSolution<M> {
  const order = successes.map((_, k) => k).sort((x, y) => compare(successes[x]!.metric, successes[y]!.metric) || y - x);
  let dropped = 0;
  let chosen: AllocElement<M> | null = null;
  for (const k of order) {
    const e = successes[k]!.element();
    if (isGood === null || isGood(e)) {
      chosen = e;
      break;
    }
    dropped++;
  }
  const out = { ...failures };
  out[failMode] += dropped;
  return { failures: out, allocs: successes.length - dropped, solution: chosen, log: [] };
}

export const compareScores = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
