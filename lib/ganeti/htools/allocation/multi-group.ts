// Choosing the group for a new instance (Ganeti's Cluster.findBestAllocGroup, tryMGAlloc, tryGroupAlloc and
// allocList): try every group connected to the instance's networks, keep allocable ones with a solution, and
// prefer `preferred` over `last_resort` groups, then the lower score.
import type { Group } from "../cluster-data";
import type { Instance } from "../instance";
import type { AllocPolicy } from "../types";
import { applyElement } from "./global-n1";
import { showGroups } from "./haskell-show";
import type { AllocSolution, GroupResult } from "./solution";
import { solutionDescription } from "./solution";
import type { Result } from "./try-alloc";
import { genAllocNodes, tryAlloc } from "./try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { filterList } from "./types";
import { splitCluster } from "./utils";

const POLICY_ORDER: Record<AllocPolicy, number> = { preferred: 0, last_resort: 1, unallocable: 2 };

/** hasRequiredNetworks: the group is connected to every network the instance's NICs use. */
export const hasRequiredNetworks = (g: Group, inst: Instance): boolean =>
  inst.nics.every((nic) => nic.network === null || nic.network === undefined || g.networks.includes(nic.network));

/** Container.findByName for groups: by name or UUID, exactly one. */
export function findGroupByName(groups: readonly Group[], name: string): Result<Group> {
  const found = groups.filter((g) => g.name === name || g.uuid === name);
  return found.length === 1 ? { ok: true, value: found[0]! } : { ok: false, error: `Wrong number of elems found with name ${name}` };
}

export type GroupChoice = { group: Group; solution: AllocSolution; log: string[] };

/** findBestAllocGroup: the best group's solution, with every group's log lines. */
export function findBestAllocGroup(
  opts: AllocOptions,
  gl: readonly Group[],
  nl: NodeList,
  il: InstanceList,
  allowed: readonly number[] | null,
  inst: Instance,
  count: number,
): Result<GroupChoice> & { attempts?: Array<{ group: Group; result: GroupResult }> } {
  const groups = splitCluster(nl, il).map((g) => ({ ...g, group: gl[g.gdx]! }));
  const considered = allowed === null ? groups : groups.filter((g) => allowed.includes(g.gdx));
  const messages: string[] = [];
  const valid = considered.filter((g) => {
    if (hasRequiredNetworks(g.group, inst)) return true;
    messages.push(`group ${g.group.name} is not connected to a network required by instance ${inst.name}`);
    return false;
  });
  const attempts = valid.map((g) => {
    const targets = genAllocNodes(opts, gl, g.nodes, count, false);
    const result: GroupResult = targets.ok ? tryAlloc(opts, nl, il, inst, targets.value) : targets;
    return { group: g.group, result };
  });
  const log = [...messages, ...attempts.flatMap((a) => solutionDescription(a.group, a.result))];
  // filterMGResults builds its list backwards; the stable sort keeps that order among equals.
  const good = attempts
    .filter((a) => a.result.ok && a.result.value.solution !== null && a.group.allocPolicy !== "unallocable")
    .reverse()
    .map((a) => ({ group: a.group, solution: (a.result as { ok: true; value: AllocSolution }).value }));
  good.sort(
    (a, b) =>
      POLICY_ORDER[a.group.allocPolicy] - POLICY_ORDER[b.group.allocPolicy] ||
      compareNumbers(a.solution.solution!.metric, b.solution.solution!.metric),
  );
  const first = good[0];
  if (!first) {
    const error =
      allowed !== null && considered.length === 0
        ? `no groups for evacuation: allowed groups was Just [${allowed.join(",")}], all groups: ${showGroups(groups.map((g) => g.group))}`
        : log.join(", ");
    return { ok: false, error, attempts };
  }
  return { ok: true, value: { group: first.group, solution: first.solution, log }, attempts };
}

const compareNumbers = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);

/** tryMGAlloc: allocate in the best group; the log starts with "Selected group: NAME". */
export function tryMGAlloc(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, inst: Instance, count: number) {
  const r = findBestAllocGroup(opts, gl, nl, il, null, inst, count);
  if (!r.ok) return r;
  const { group, solution, log } = r.value;
  return { ...r, ok: true as const, value: { group, solution: { ...solution, log: [`Selected group: ${group.name}`, ...log] }, log } };
}

/** findAllocation / tryGroupAlloc: allocate in one named group, scored over that group only. */
export function tryGroupAlloc(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, groupName: string, inst: Instance, count: number): Result<GroupChoice> {
  const g = findGroupByName(gl, groupName);
  if (!g.ok) return g;
  return findAllocation(opts, gl, nl, il, g.value.idx, inst, count);
}

export function findAllocation(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, gdx: number, inst: Instance, count: number): Result<GroupChoice> {
  const group = gl[gdx]!;
  const gnl = filterList(nl, (n) => n.group === gdx);
  const gil = filterList(il, (i) => gnl[i.pNode] !== undefined);
  if (!hasRequiredNetworks(group, inst)) {
    return { ok: false, error: `The group ${group.name} is not connected to a network required by instance ${inst.name}` };
  }
  const targets = genAllocNodes(opts, gl, gnl, count, false);
  if (!targets.ok) return targets;
  const r = tryAlloc(opts, gnl, gil, inst, targets.value);
  if (!r.ok) return r;
  const log = solutionDescription(group, r);
  return { ok: true, value: { group, solution: { ...r.value, log }, log } };
}

export type MultiRequest = { inst: Instance; count: number; group: string | null };
export type MultiResult = { nodes: NodeList; instances: InstanceList; results: Array<{ inst: Instance; solution: AllocSolution }> };

/** allocList: allocate one instance after another, each seeing the previous placements; any failure aborts. */
export function allocList(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, requests: readonly MultiRequest[]): Result<MultiResult> {
  let nodes = nl;
  let instances = il;
  const results: MultiResult["results"] = [];
  for (const req of requests) {
    const r = req.group === null ? tryMGAlloc(opts, gl, nodes, instances, req.inst, req.count) : tryGroupAlloc(opts, gl, nodes, instances, req.group, req.inst, req.count);
    if (!r.ok) return { ok: false, error: r.error };
    const sol = r.value.solution;
    if (sol.solution) ({ nodes, instances } = applyElement(instances, sol.solution));
    results.push({ inst: req.inst, solution: sol });
  }
  return { ok: true, value: { nodes, instances, results } };
}
