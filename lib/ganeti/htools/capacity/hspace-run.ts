// The body of hspace (Ganeti's Program/Hspace.hs main): check the cluster, run the tiered and then the standard
// allocation on copies of it, and report both.
import fs from "node:fs";
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import { longestDomain } from "../loader";
import type { Node } from "../node";
import { compCV } from "../metrics";
import { serializeTextData } from "../backends/text";
import { redundant } from "../allocation/global-n1";
import type { AllocNodes } from "../allocation/try-alloc";
import { genAllocNodes } from "../allocation/try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { requiredNodes } from "../instance";
import { emptyFailures } from "../allocation/solution";
import type { FailMode } from "../types";
import { FAIL_MODES } from "../types";
import type { AllocEngine } from "./engine";
import type { AllocRun } from "./iterate";
import { iterateAlloc, tieredAlloc } from "./iterate";
import { HspaceExit } from "./load";
import type { HspaceOptions } from "./options";
import type { FailStats, SpecType } from "./report";
import * as R from "./report";
import type { RSpec } from "./rspec";
import { instFromSpec, rspecFromISpec, sameSpec, specOf } from "./rspec";
import { totalResources } from "./cstats";
import { printfFixed } from "./printf";

export type Output = { out: (s: string) => void; err: (s: string) => void };
export type EngineFactory = (targets: AllocNodes) => AllocEngine;

const showStrings = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(",")}]`;

function showAllocNodes(t: AllocNodes): string {
  if (t.kind === "single") return `Left [${t.nodes.join(",")}]`;
  return `Right [${t.pairs.map(({ p, ss }) => `(${p},[${ss.join(",")}])`).join(",")}]`;
}

type Outcome = { reasons: FailStats; nodes: NodeList; instances: InstanceList; placed: Instance[] };

const collapse = (run: AllocRun): FailStats => FAIL_MODES.map((m): [FailMode, number] => [m, run.failures[m]]);

export function runHspace(opts: HspaceOptions, data: ClusterData, nodes: Node[], io: Output, engineFor: EngineFactory): void {
  const verbose = opts.verbose;
  const machine = opts.machineReadable;
  const { groups, instances, ipolicy } = data;
  const clusterTemplate = ipolicy.diskTemplates[0];
  if (clusterTemplate === undefined) throw new HspaceExit("null list of disk templates received from cluster");
  const numInstances = instances.length;
  const template = opts.diskTemplate ?? clusterTemplate;
  const reqNodes = requiredNodes(template);
  const su = opts.spindleUse ?? ipolicy.std.spindleUse;
  const suffix = longestDomain([...data.nodes.map((n) => n.name), ...instances.map((i) => i.name)]);
  if (suffix !== "" && verbose > 1) io.err(`Note: Stripping common suffix of '${suffix}' from names\n`);
  if (opts.showNodes) io.err(R.nodesReport("Initial cluster", nodes, opts.showNodes));
  if (verbose > 2) io.err(`Initial coefficients: overall ${printfFixed(compCV(nodes), 8)}\n${R.printScoreStats("  ", nodes)}`);
  io.out(R.clusterReport(machine, totalResources(nodes), data.nodes.length, R.haveExclStorage(nodes)));

  const algOpts: AllocOptions = { capacityChecks: opts.capacityChecks, acceptExisting: opts.acceptExisting };
  const badNodes = nodes.filter((n) => !n.offline && n.failN1);
  // Evaluated only when needed, as Haskell's laziness does: it is a global N+1 check per group.
  let badGroupsCache: number[] | null = null;
  const badGroups = () =>
    (badGroupsCache ??= groups
      .map((g) => g.idx)
      .filter((gdx) => !redundant(algOpts, nodes.map((n) => (n.group === gdx ? n : undefined)), instances)));
  if (verbose > 3 && badNodes.length > 0) io.err(`Bad nodes: ${showStrings(badNodes.map((n) => n.name))}\n`);
  if (verbose > 3 && badGroups().length > 0) io.err(`Bad groups: ${showStrings(badGroups().map((g) => groups[g]!.name))}\n`);

  const unallocable = new Set<number>(opts.acceptExisting ? [] : badNodes.map((n) => n.group));
  let runOpts = algOpts;
  if (opts.independentGroups) {
    for (const g of badGroups()) unallocable.add(g);
    runOpts = { ...algOpts, capacityIgnoreGroups: badGroups() };
  }
  const allocGroups = groups.map((g) => (unallocable.has(g.idx) ? { ...g, allocPolicy: "unallocable" as const } : g));
  const remaining = allocGroups.some((g) => g.allocPolicy !== "unallocable");
  const stopped =
    !opts.acceptExisting && !(opts.independentGroups && remaining) && badNodes.length > 0
      ? { reasons: [["FailN1", 1]] as FailStats, nodes, instances, placed: [] as Instance[] }
      : null;
  const limit = opts.maxLength === -1 ? null : opts.maxLength;
  const targets = genAllocNodes(runOpts, allocGroups, nodes, reqNodes, true);
  if (!targets.ok) throw new HspaceExit(`failure during allocation: ${targets.error}`);
  if (verbose > 3) io.err(`Allocatable nodes: ${showAllocNodes(targets.value)}\n`);
  const engine = engineFor(targets.value);
  const ctx = { engine, opts: runOpts };
  const start: AllocRun = { failures: emptyFailures(), nodes, instances, placed: [] };

  // Tiered allocation.
  const tspecs: RSpec[] = opts.tieredSpec ? [opts.tieredSpec] : ipolicy.minmax.map((mm) => rspecFromISpec(mm.max));
  if (tspecs.length === 0) throw new HspaceExit("Empty list of specs received from the cluster");
  const tiered = (): Outcome => {
    let run = start;
    let reasons: FailStats = [];
    for (const ts of tspecs) {
      const count = run.placed.length;
      if (limit !== null && limit <= count) continue;
      const r = tieredAlloc(ctx, run, limit === null ? null : limit - count, instFromSpec(ts, template, su));
      if (!r.ok) throw new HspaceExit(`failure during allocation: ${r.error}`);
      run = r.value;
      reasons = collapse(run);
    }
    return { reasons, nodes: run.nodes as Node[], instances: run.instances, placed: run.placed };
  };
  const trl = runAllocation(opts, io, data, stopped ?? tiered(), tspecs[0]!, template, "tiered");
  io.out(R.tieredReport(machine, trl.specMap, nodes, trl.nodes, trl.reasons));

  // Standard allocation.
  const ispec = opts.stdSpec ?? rspecFromISpec(ipolicy.std);
  const standard = (): Outcome => {
    const r = iterateAlloc(ctx, runOpts, start, limit, instFromSpec(ispec, template, su));
    if (!r.ok) throw new HspaceExit(`failure during allocation: ${r.error}`);
    return { reasons: collapse(r.value), nodes: r.value.nodes as Node[], instances: r.value.instances, placed: r.value.placed };
  };
  const fin = runAllocation(opts, io, data, stopped ?? standard(), ispec, template, "normal");
  if (machine) {
    const counted = totalResources(fin.nodes).ninst;
    if (numInstances + fin.allocs !== counted) {
      throw new HspaceExit(`internal inconsistency, allocated (${numInstances + fin.allocs}) != counted (${counted})\n`);
    }
    if (fin.reasons.length === 0) throw new HspaceExit("Internal error, no failure reasons?!");
  }
  io.out(R.standardReport(machine, nodes, fin.nodes, numInstances, fin.allocs, fin.reasons));
  if (machine) io.out(R.formatKeys([["OK", "1"]]));
}

/** runAllocation: print the spec, the map and node table if asked, save the state; sorted reasons and counts. */
function runAllocation(opts: HspaceOptions, io: Output, data: ClusterData, o: Outcome, spec: RSpec, template: Instance["diskTemplate"], type: SpecType) {
  const name = type === "normal" ? "Standard" : "Tiered";
  const descr = `${name} allocation`;
  const nodes = o.nodes as Node[];
  io.out(R.ispecReport(opts.machineReadable, spec, type, template, R.haveExclStorage(nodes)));
  if (opts.verbose > 1) io.err(R.allocationMapReport(descr, nodes, o.placed));
  if (opts.showNodes) io.err(R.nodesReport(descr, nodes, opts.showNodes));
  if (opts.saveCluster !== null) {
    const path = `${opts.saveCluster}.${name.toLowerCase()}`;
    fs.writeFileSync(path, serializeTextData({ ...data, nodes, instances: o.instances as Instance[] }));
    io.err(`The cluster state after ${descr.toLowerCase()} has been written to file '${path}'\n`);
  }
  return {
    reasons: R.sortReasons(o.reasons),
    nodes,
    allocs: o.placed.length,
    specMap: R.tieredSpecMap(o.placed, specOf, sameSpec),
  };
}
