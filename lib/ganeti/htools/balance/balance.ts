// hbal's loop over one node group (Ganeti's Hbal.iterateDepth): take the best step while it helps, up to the length
// cap and down to the target score. Pure: the caller prints the steps as they come through `onStep`.
import type { ClusterData } from "../cluster-data";
import type { Node } from "../node";
import { compCV, optimalCVScore } from "../metrics";
import type { AlgorithmOptions, Table } from "./table";
import { doNextBalance, tryBalance } from "./step";

/** The table of one group: its nodes, the instances whose primary is there, and its score. */
export function groupTable(data: Pick<ClusterData, "nodes" | "instances">, gdx: number): Table {
  const groupNodes = data.nodes.filter((n) => n.group === gdx).map((n) => n.idx);
  const inGroup = new Set(groupNodes);
  const groupInstances = data.instances.filter((i) => inGroup.has(i.pNode)).map((i) => i.idx);
  const nodes = groupNodes.map((idx) => data.nodes[idx]!);
  return { nodes: data.nodes, instances: data.instances, groupNodes, groupInstances, score: groupScore(nodes), placements: [] };
}

/** The score of a group's nodes; an empty group scores 0, as in Ganeti 3.0.2. */
export const groupScore = (nodes: readonly Node[]): number => (nodes.length === 0 ? 0 : compCV(nodes));

export const tableNodes = (t: Table): Node[] => t.groupNodes.map((idx) => t.nodes[idx]!);

/** The lowest score the group can reach (its N+1 reservations cannot go), as hbal aims for. */
export const tableOptimum = (t: Table): number => optimalCVScore(tableNodes(t));

export type BalanceLimits = {
  /** -l: at most this many steps; negative for no limit. */
  maxRounds: number;
  /** Stop once the score is at or below this (optimum + -e). */
  minScore: number;
  /** Called after each accepted step with the tables before and after it. */
  onStep?: (before: Table, after: Table) => void;
};

/** Balances until no step helps enough; returns the final table (its placements are the solution, latest first). */
export function balanceGroup(table: Table, opts: AlgorithmOptions, limits: BalanceLimits): Table {
  let current = table;
  while (doNextBalance(current, limits.maxRounds, limits.minScore)) {
    const next = tryBalance(current, opts);
    if (!next) break;
    limits.onStep?.(current, next);
    current = next;
  }
  return current;
}
