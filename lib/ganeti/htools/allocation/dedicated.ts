// Allocation on dedicated (exclusive-storage) clusters (Ganeti's Dedicated.hs): instead of the balance score, a
// placement is judged by the "lost allocations" — how many minimal policy-compliant instances each node could no
// longer take — then by the free disk left; the lower the better.
import type { ClusterData, Group } from "../cluster-data";
import type { Instance } from "../instance";
import { createInstance, instMatchesPolicy, NO_SECONDARY, setBoth } from "../instance";
import type { Node } from "../node";
import { addPri, addPriEx, addSec } from "../node-placement";
import type { IPolicy, OpResult } from "../types";
import { ok } from "../types";
import { applyElement } from "./global-n1";
import { hasRequiredNetworks } from "./multi-group";
import type { AllocElement, AllocSolution, GroupResult } from "./solution";
import { annotateSolution, emptyFailures, solutionDescription } from "./solution";
import type { Result } from "./try-alloc";
import { genAllocNodes } from "./try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { filterList, mustFind, withEntry } from "./types";
import { splitCluster } from "./utils";

/** Lost allocations per test instance, then the free disk left. */
export type Metric = [number[], number];

/** Ord of ([Int], Int): lists lexicographically, then the disk. */
export function compareMetric(a: Metric, b: Metric): number {
  const [la, da] = a;
  const [lb, db] = b;
  for (let k = 0; k < Math.min(la.length, lb.length); k++) if (la[k] !== lb[k]) return la[k]! < lb[k]! ? -1 : 1;
  if (la.length !== lb.length) return la.length < lb.length ? -1 : 1;
  return da === db ? 0 : da < db ? -1 : 1;
}

export const metricLess = (a: Metric, b: Metric): boolean => compareMetric(a, b) < 0;

/** Haskell's `show` of the metric: "([1,0],408576)". */
export const showMetric = ([l, d]: Metric): string => `([${l.join(",")}],${d})`;

/** isDedicated: every node of the allocable groups (or of the named group) uses exclusive storage. */
export function isDedicated(data: Pick<ClusterData, "groups" | "nodes">, group: string | null): boolean {
  const member = new Set(data.groups.filter((g) => (group === null ? g.allocPolicy !== "unallocable" : g.name === group)).map((g) => g.idx));
  return data.nodes.every((n) => n.exclStorage || !member.has(n.group));
}

/** testInstances: one minimal instance per min/max pair, the largest minimal disk first. */
export function testInstances(policy: IPolicy): Instance[] {
  return policy.minmax
    .map((mm) => mm.min)
    .map((spec, k) => ({ spec, k }))
    .sort((a, b) => b.spec.diskSize - a.spec.diskSize || a.k - b.k)
    .map(({ spec }) =>
      createInstance({
        name: "minimalspecinstance",
        mem: spec.memorySize,
        dsk: spec.diskSize,
        disks: [],
        vcpus: spec.cpuCount,
        tags: [],
        autoBalance: false,
        diskTemplate: "plain",
        spindleUse: spec.spindleUse,
      }),
    );
}

/** allocationVector: for each test instance, 1 + how many more of it the node takes. */
export function allocationVector(insts: readonly Instance[], node: Node): number[] {
  return insts.map((inst) => {
    let count = 1;
    let cur = node;
    for (;;) {
      const r = addPri(cur, inst);
      if (!r.ok) return count;
      cur = r.value;
      count++;
    }
  });
}

function lostAllocations(opts: AllocOptions, insts: readonly Instance[], inst: Instance, node: Node): OpResult<{ metric: Metric; node: Node }> {
  const before = allocationVector(insts, node);
  const r = addPriEx(opts.ignoreSoftErrors ?? false, node, inst);
  if (!r.ok) return r;
  const after = allocationVector(insts, r.value);
  return ok({ metric: [before.map((b, k) => b - after[k]!), r.value.fDsk], node: r.value });
}

function onSingle(opts: AllocOptions, nl: NodeList, inst: Instance, pdx: number): OpResult<AllocElement<Metric>> {
  const p = mustFind(nl, pdx);
  const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
  if (!policy.ok) return policy;
  const r = lostAllocations(opts, testInstances(p.iPolicy), inst, p);
  if (!r.ok) return r;
  return ok({ nodes: withEntry(nl, pdx, r.value.node), inst: setBoth(inst, pdx, NO_SECONDARY), changed: [r.value.node], metric: r.value.metric });
}

function onPair(opts: AllocOptions, nl: NodeList, inst: Instance, pdx: number, sdx: number): OpResult<AllocElement<Metric>> {
  const p = mustFind(nl, pdx);
  const s = mustFind(nl, sdx);
  const tests = testInstances(p.iPolicy);
  const placed = setBoth(inst, pdx, sdx);
  const policy = instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
  if (!policy.ok) return policy;
  const rp = lostAllocations(opts, tests, placed, p);
  if (!rp.ok) return rp;
  const rs = addSec(s, placed, pdx);
  if (!rs.ok) return rs;
  const before = allocationVector(tests, s);
  const after = allocationVector(tests, rs.value);
  const [lostP, dskP] = rp.value.metric;
  const metric: Metric = [lostP.map((x, k) => x + (before[k]! - after[k]!)), dskP + rs.value.fDsk];
  const nodes = nl.slice();
  nodes[pdx] = rp.value.node;
  nodes[sdx] = rs.value;
  return ok({ nodes, inst: placed, changed: [rp.value.node, rs.value], metric });
}

/** concatAllocs: count a failure, or keep the better element (the later one on a tie). */
function concat(sol: AllocSolution<Metric>, r: OpResult<AllocElement<Metric>>): void {
  if (!r.ok) {
    sol.failures[r.fail]++;
    return;
  }
  sol.allocs++;
  if (sol.solution === null || !metricLess(sol.solution.metric, r.value.metric)) sol.solution = r.value;
}

/** findAllocation in a dedicated group. */
export function findDedicatedAllocation(opts: AllocOptions, gl: readonly Group[], mgnl: NodeList, gdx: number, inst: Instance, count: number): Result<{ solution: AllocSolution<Metric>; log: string[] }> {
  const nl = filterList(mgnl, (n) => n.group === gdx);
  const group = gl[gdx]!;
  if (!hasRequiredNetworks(group, inst)) {
    return { ok: false, error: `The group ${group.name} is not connected to a network required by instance ${inst.name}` };
  }
  const targets = genAllocNodes(opts, gl, nl, count, false);
  if (!targets.ok) return targets;
  const sol: AllocSolution<Metric> = { failures: emptyFailures(), allocs: 0, solution: null, log: [] };
  if (targets.value.kind === "pairs") {
    if (targets.value.pairs.length === 0) return { ok: false, error: "Not enough online nodes" };
    for (const { p, ss } of targets.value.pairs) for (const s of ss) concat(sol, onPair(opts, nl, inst, p, s));
  } else {
    if (targets.value.nodes.length === 0) return { ok: false, error: "No online nodes" };
    for (const p of targets.value.nodes) concat(sol, onSingle(opts, nl, inst, p));
  }
  const annotated = annotateSolution(sol, showMetric);
  return { ok: true, value: { solution: annotated, log: solutionDescription(group, { ok: true, value: annotated }) } };
}

/** findMGAllocation: every group tried (unallocable ones too, then dropped), the best by policy and metric. */
export function findDedicatedMGAllocation(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, inst: Instance, count: number): Result<AllocSolution<Metric>> {
  const sols = splitCluster(nl, il).map((g) => {
    const r = findDedicatedAllocation(opts, gl, g.nodes, g.gdx, inst, count);
    const result: GroupResult<Metric> = r.ok ? { ok: true, value: r.value.solution } : r;
    return { group: gl[g.gdx]!, result };
  });
  const log = sols.flatMap((s) => solutionDescription(s.group, s.result));
  const order = { preferred: 0, last_resort: 1, unallocable: 2 };
  const good = sols
    .filter((s) => s.result.ok && s.result.value.solution !== null && s.group.allocPolicy !== "unallocable")
    .reverse()
    .map((s) => ({ group: s.group, sol: (s.result as { ok: true; value: AllocSolution<Metric> }).value }))
    .sort((a, b) => order[a.group.allocPolicy] - order[b.group.allocPolicy] || compareMetric(a.sol.solution!.metric, b.sol.solution!.metric));
  const first = good[0];
  if (!first) return { ok: false, error: log.join(", ") };
  return { ok: true, value: { ...first.sol, log: [`Selected group: ${first.group.name}`, ...log] } };
}

/** Multi-allocation on a dedicated cluster (runDedicatedAllocation's MultiAllocate). */
export function dedicatedAllocList(
  opts: AllocOptions,
  gl: readonly Group[],
  nl: NodeList,
  il: InstanceList,
  requests: ReadonlyArray<{ inst: Instance; count: number; group: string | null }>,
): Result<{ nodes: NodeList; instances: InstanceList; results: Array<{ inst: Instance; solution: AllocSolution<Metric> }> }> {
  let nodes = nl;
  let instances = il;
  const results: Array<{ inst: Instance; solution: AllocSolution<Metric> }> = [];
  for (const req of requests) {
    let sol: AllocSolution<Metric>;
    if (req.group === null) {
      const r = findDedicatedMGAllocation(opts, gl, nodes, instances, req.inst, req.count);
      if (!r.ok) return r;
      sol = r.value;
    } else {
      const g = gl.filter((x) => x.name === req.group || x.uuid === req.group);
      if (g.length !== 1) return { ok: false, error: `Wrong number of elems found with name ${req.group}` };
      // As Ganeti, a named group is searched in the original node list.
      const r = findDedicatedAllocation(opts, gl, nl, g[0]!.idx, req.inst, req.count);
      if (!r.ok) return r;
      sol = r.value.solution;
    }
    if (sol.solution) ({ nodes, instances } = applyElement(instances, sol.solution));
    results.push({ inst: req.inst, solution: sol });
  }
  return { ok: true, value: { nodes, instances, results } };
}
