// The allocation API the rest of Gantry uses: place one new instance on a cluster as hail does (`-I hail` in the
// instance create path, hspace's loops), and apply the chosen placement.
import type { ClusterData, Group } from "../cluster-data";
import type { Instance } from "../instance";
import { NO_SECONDARY, setBoth } from "../instance";
import type { Node } from "../node";
import { addPriEx, addSecEx } from "../node-placement";
import type { FailMode } from "../types";
import { withLocationScore } from "./moves";
import { findAllocation, tryMGAlloc } from "./multi-group";
import type { AllocSolution, FailCounts } from "./solution";
import { addFailures, emptyFailures, failureStats } from "./solution";
import type { AllocNodes, Result } from "./try-alloc";
import { genAllocNodes, tryAlloc } from "./try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "./types";

export type { AllocOptions } from "./types";

export type AllocationResult =
  | { ok: true; group: Group; nodes: number[]; score: number; log: string[]; solution: AllocSolution }
  | { ok: false; failures: Partial<Record<FailMode, number>>; message: string };

function failuresOf(attempts: Array<{ result: Result<AllocSolution> }> | undefined): Partial<Record<FailMode, number>> {
  const total: FailCounts = emptyFailures();
  for (const a of attempts ?? []) if (a.result.ok) addFailures(total, a.result.value.failures);
  return failureStats(total);
}

function success(group: Group, solution: AllocSolution): AllocationResult {
  const e = solution.solution!;
  return { ok: true, group, nodes: e.changed.map((n) => n.idx), score: e.metric, log: solution.log, solution };
}

/**
 * Ganeti's tryMGAlloc: try every group connected to the instance's networks (scoring over the whole cluster),
 * keep allocable ones with a placement, and take the best by alloc policy, then score.
 */
export function allocateInstance(data: ClusterData, inst: Instance, requiredNodes: 1 | 2, options: AllocOptions = {}): AllocationResult {
  const r = tryMGAlloc(options, data.groups, data.nodes, data.instances, inst, requiredNodes);
  if (!r.ok) return { ok: false, failures: failuresOf(r.attempts), message: r.error };
  return success(r.value.group, r.value.solution);
}

/** Ganeti's tryGroupAlloc for one group (by index): only its nodes, scored over the group. */
export function allocateInGroup(data: ClusterData, gdx: number, inst: Instance, requiredNodes: 1 | 2, options: AllocOptions = {}): AllocationResult {
  const r = findAllocation(options, data.groups, data.nodes, data.instances, gdx, inst, requiredNodes);
  if (!r.ok) return { ok: false, failures: {}, message: r.error };
  const sol = r.value.solution;
  if (!sol.solution) return { ok: false, failures: failureStats(sol.failures), message: sol.log.join(", ") };
  return success(r.value.group, sol);
}

/**
 * The building blocks for callers that loop (hspace): candidates on a node list (genAllocNodes) and the best
 * placement among them scored over that list (tryAlloc). Lists are indexed by node / instance index; holes are
 * nodes or instances outside the list.
 */
export function allocationTargets(options: AllocOptions, groups: readonly Group[], nodes: NodeList, requiredNodes: number, dropUnallocable: boolean): Result<AllocNodes> {
  return genAllocNodes(options, groups, nodes, requiredNodes, dropUnallocable);
}

export function tryAllocation(options: AllocOptions, nodes: NodeList, instances: InstanceList, inst: Instance, targets: AllocNodes): Result<AllocSolution> {
  return tryAlloc(options, nodes, instances, inst, targets);
}

/** The cluster with `inst` added on `nodes` ([primary] or [primary, secondary]); the input is not changed. */
export function applyPlacement(data: ClusterData, inst: Instance, nodes: readonly number[]): ClusterData {
  const idx = data.instances.length;
  const [pdx, sdx = NO_SECONDARY] = nodes;
  if (pdx === undefined) throw new Error("applyPlacement: no primary node given");
  const p = data.nodes[pdx]!;
  const s = sdx === NO_SECONDARY ? undefined : data.nodes[sdx]!;
  const placed = setBoth({ ...(s ? withLocationScore(inst, p, s) : inst), idx }, pdx, sdx);
  const newP = addPriEx(true, p, placed);
  if (!newP.ok) throw new Error(`applyPlacement: ${inst.name} does not fit on ${p.name} (${newP.fail})`);
  const outNodes: Node[] = data.nodes.slice();
  outNodes[pdx] = newP.value;
  if (s) {
    const newS = addSecEx(true, s, placed, pdx);
    if (!newS.ok) throw new Error(`applyPlacement: ${inst.name} does not fit on ${s.name} as secondary (${newS.fail})`);
    outNodes[sdx] = newS.value;
  }
  return { ...data, nodes: outNodes, instances: [...data.instances, placed] };
}
