// hbal: the cluster balancer, a drop-in for Ganeti 3.0.2's (Program/Hbal.hs): same options, output, files and exit
// codes. main(argv) returns the exit code; where the cluster comes from (-t, -m, -L, -I) is one injected loader.
import fs from "node:fs";
import os from "node:os";
import type { ClusterData } from "../cluster-data";
import type { LoadedCluster } from "../loader";
import { longestDomain } from "../loader";
import type { Node } from "../node";
import { unallocatedMem } from "../node";
import { serializeTextData } from "../backends/text";
import type { ClusterLoadOptions } from "../backends/load";
import { loadClusterData } from "../backends/load";
import { HtoolsInputError } from "../types";
import { parseProgramOptions } from "./getopt";
import { balanceGroup, groupTable, tableNodes, tableOptimum } from "../balance/balance";
import type { JobSet, MoveJob } from "../balance/commands";
import { commandsForTerminal, formatCmds, moveJob, moveOpcodes, SH_TEMPLATE, solutionLine, splitJobs } from "../balance/commands";
import { showFixed, showGeneric } from "../balance/haskell-printf";
import type { Table } from "../balance/table";
import type { HbalOptions } from "./hbal-options";
import { algorithmOptions, completionInfo, defaultHbalOptions, HBAL_OPTIONS } from "./hbal-options";
import { printInsts, printNodes, printStats } from "./hbal-report";
import { showIPolicy } from "../allocation/haskell-show";
import { checkGroup, groupData, HbalExit, selectGroup, setNodeStatus, splitInstances } from "./hbal-checks";
import type { JobRunner } from "./hbal-exec";
import { annotateOpcodes, execJobSets, luxiJobRunner } from "./hbal-exec";

export const HBAL_VERSION = "3.0.2-gantry";
const VERSION_LINE = `hbal (gantry) version ${HBAL_VERSION}`;

/** Reads the cluster for the given backend options (Ganeti's loadExternalData); errors as HtoolsInputError. */
export type ClusterLoader = (options: ClusterLoadOptions) => Promise<LoadedCluster>;

export type HbalIo = {
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** The cluster loader; by default every backend of backends/load.ts. */
  loadCluster?: ClusterLoader;
  /** Connects to the master for -X; by default its luxi socket. */
  jobRunner?: (socket: string | true) => Promise<JobRunner>;
  writeFile?: (path: string, data: string) => void;
};

const PROGRAM = {
  name: "hbal",
  version: VERSION_LINE,
  versionDetail: `compatible with Ganeti 3.0.2's hbal\nrunning on ${os.platform()} ${os.arch()}\n`,
  specs: HBAL_OPTIONS,
  defaults: defaultHbalOptions(),
  completion: completionInfo,
};

export async function main(argv: readonly string[], io: HbalIo = {}): Promise<number> {
  const out = io.out ?? ((s: string) => void process.stdout.write(s));
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const parsed = parseProgramOptions(PROGRAM, argv, out, err);
  if (typeof parsed === "number") return parsed;
  const opts = parsed.opts;
  try {
    if (parsed.args.length > 0) throw new HbalExit("This program doesn't take any arguments.");
    return await run(opts, { out, err, loadCluster: io.loadCluster ?? loadClusterData, jobRunner: io.jobRunner ?? luxiJobRunner, writeFile: io.writeFile ?? fs.writeFileSync });
  } catch (e) {
    if (e instanceof HbalExit) {
      err(`Error: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof HtoolsInputError) {
      err(`Error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

type Io = Required<HbalIo> & { out: (s: string) => void; err: (s: string) => void };

/** The backend options of the command line (ExtLoader.loadExternalData's inputs). */
export function loadOptions(opts: HbalOptions): ClusterLoadOptions {
  return {
    ...(opts.dataFile !== undefined ? { textFile: opts.dataFile } : {}),
    ...(opts.master !== "" ? { rapiUrl: opts.master } : {}),
    ...(opts.luxi !== undefined ? { luxiSocket: opts.luxi } : {}),
    ...(opts.iallocSrc !== undefined ? { iallocatorFile: opts.iallocSrc } : {}),
    ...(opts.dynuFile !== undefined ? { dynuFile: opts.dynuFile } : {}),
    ignoreDynu: opts.ignoreDynu,
    ...(opts.exclusionTags ? { exclusionTags: opts.exclusionTags } : {}),
    selectInstances: opts.selectInstances,
    excludeInstances: opts.excludeInstances,
  };
}

export { algorithmOptions } from "./hbal-options";

function saveData(io: Io, path: string | null, ext: string, msg: string, data: ClusterData): void {
  if (path === null) return;
  const file = `${path}.${ext}`;
  io.writeFile(file, serializeTextData(data));
  io.err(`The cluster state ${msg} has been written to file '${file}'\n`);
}

async function run(opts: HbalOptions, io: Io): Promise<number> {
  const { out, err } = io;
  if (opts.mond || opts.mondData !== undefined) throw new HbalExit("data from the monitoring daemons (--mond, --mond-data) is not available yet");
  const loaded = await io.loadCluster(loadOptions(opts));
  const ini = loaded.data;
  if (opts.verbose !== 0 && loaded.warnings.length > 0) {
    err(`Warning: cluster has inconsistent data:\n${loaded.warnings.map((w) => `  - ${w}\n`).join("")}\n`);
  }
  if (opts.verbose > 1) {
    out(`Loaded cluster tags: ${ini.clusterTags.join(",")}\n`);
    out(`Loaded cluster ipolicy: ${showIPolicy(ini.ipolicy)}\n`);
  }
  const nodes = setNodeStatus(opts, ini.nodes);
  const instances = ini.instances;

  // checkCluster
  if (instances.length === 0) {
    out("Cluster is empty, exiting.\n");
    return 0;
  }
  const split = splitInstances(nodes, instances);
  if (split.length > 0 && opts.verbose > 1) {
    err(`Found instances belonging to multiple node groups:\n${split.map((i) => `  ${i.name}\n`).join("")}These instances will not be moved.\n`);
  }
  out(`Loaded ${nodes.length} nodes, ${instances.length} instances\n`);
  const suffix = longestDomain([...nodes.map((n) => n.name), ...instances.map((i) => i.name)]);
  if (suffix !== "" && opts.verbose > 1) out(`Note: Stripping common suffix of '${suffix}' from names\n`);

  saveData(io, opts.saveCluster, "original", "before balancing", ini);

  const gdx = selectGroup(opts, ini, nodes, err);
  const gname = ini.groups[gdx]!.name;
  const table = groupTable({ nodes, instances }, gdx);
  checkGroup(opts, table, gname, out);

  const groupNodeList = tableNodes(table);
  const groupInstList = table.groupInstances.map((idx) => instances[idx]!);
  if (opts.showInsts) err(`\nInitial instance map:\n${printInsts(nodes, groupInstList)}`);
  if (opts.showNodes) err(`\nInitial cluster status:\n${printNodes(groupNodeList, opts.showNodes)}\n`);

  const iniScore = table.score;
  const optScore = tableOptimum(table);
  if (opts.verbose > 2) out(`Initial coefficients: overall ${showFixed(iniScore, 8)}\n${printStats("  ", groupNodeList)}`);
  else out(`Initial score: ${showFixed(iniScore, 8)}\n`);

  if (iniScore - optScore < opts.minScore) {
    out(
      `Cluster is already well balanced (initial score ${showGeneric(iniScore, 6)},\n` +
        `optimum score due to N+1 reservations ${showGeneric(optScore, 6)},\n` +
        `minimum score ${showGeneric(opts.minScore, 6)}).\nNothing to do, exiting\n`,
    );
    return 0;
  }

  out("Trying to minimize the CV...\n");
  const imlen = Math.max(0, ...groupInstList.map((i) => i.alias.length));
  const nmlen = Math.max(0, ...groupNodeList.map((n) => n.alias.length));
  const jobs: MoveJob[] = [];
  const fin = balanceGroup(table, algorithmOptions(opts), {
    maxRounds: opts.maxLength,
    minScore: optScore + opts.minScore,
    onStep: (before, after) => {
      const plc = after.placements[0]!;
      const pos = after.placements.length;
      const { line } = solutionLine(before.nodes, before.instances, nmlen, imlen, plc, pos);
      out(`${line}\n`);
      jobs.push(moveJob(before.nodes, before.instances, nmlen, imlen, plc, pos));
    },
  });

  const finNodes = tableNodes(fin);
  if (fin.placements.length === 0) out("No solution found\n");
  else if (opts.verbose > 2) out(`Final coefficients:   overall ${showFixed(fin.score, 8)}\n${printStats("  ", finNodes)}`);
  else out(`Cluster score improved from ${showFixed(iniScore, 8)} to ${showFixed(fin.score, 8)}\n`);
  if (opts.verbose >= 1) out(`Solution length=${fin.placements.length}\n`);

  let sets: JobSet[] = splitJobs(jobs);
  if (opts.firstJobGroup) sets = sets.slice(0, 1);
  if (opts.showCmds !== null) {
    const cmds = formatCmds(sets);
    if (opts.showCmds === "-") {
      out(`\n${opts.firstJobGroup ? "First set of jobs:" : "Commands to run to reach the above solution:"}\n${commandsForTerminal(cmds)}`);
    } else {
      io.writeFile(opts.showCmds, SH_TEMPLATE + cmds);
      out(`The commands have been written to file '${opts.showCmds}'\n`);
    }
  }

  saveData(io, opts.saveCluster, "balanced", "after balancing", groupData(ini, fin));

  const finInsts = fin.groupInstances.map((idx) => fin.instances[idx]!);
  if (opts.showInsts) err(`\nFinal instance map:\n${printInsts(fin.nodes, finInsts)}`);
  if (opts.showNodes) err(`\nFinal cluster status:\n${printNodes(finNodes, opts.showNodes)}\n`);
  if (opts.verbose > 3) {
    const sum = (ns: readonly Node[], f: (n: Node) => number) => ns.reduce((s, n) => s + f(n), 0);
    // Ganeti 3.0.2's totalResources sums the free memory by the record (unallocated), not as reported
    out(`Original: mem=${sum(groupNodeList, unallocatedMem)} disk=${sum(groupNodeList, (n) => n.fDsk)}\n`);
    out(`Final:    mem=${sum(finNodes, unallocatedMem)} disk=${sum(finNodes, (n) => n.fDsk)}\n`);
  }

  if (opts.execJobs && fin.placements.length > 0) {
    if (opts.luxi === undefined) throw new HbalExit("hbal: Execution of commands possible only on LUXI");
    const failure = await executeJobs(opts, io, fin, table, sets);
    if (failure !== null) throw new HbalExit(`hbal: ${failure}`);
  }
  return 0;
}

/** Runs the jobsets through the master; SIGINT lets the current jobset finish, SIGTERM stops at once. */
async function executeJobs(opts: HbalOptions, io: Io, fin: Table, ini: Table, sets: readonly JobSet[]): Promise<string | null> {
  const runner = await io.jobRunner(opts.luxi!);
  let cancelled = false;
  const onInt = () => {
    if (cancelled) process.exit(2);
    cancelled = true;
    io.err("Cancel request registered, will exit at the end of the current job set...\n");
  };
  const onTerm = () => process.exit(2);
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    const toRun = sets.map((set) => ({
      description: `Executing jobset for instances ${set.map((j) => ini.instances[j.idx]!.name).join(", ")}`,
      jobs: annotateOpcodes(
        set.map((j) => moveOpcodes(fin.nodes, ini.instances, j.idx, j.move)),
        HBAL_VERSION,
        opts.reason,
        opts.priority,
        Date.now() * 1e6,
      ),
    }));
    return await execJobSets(runner, toRun, io.out, () => cancelled);
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    runner.close();
  }
}
