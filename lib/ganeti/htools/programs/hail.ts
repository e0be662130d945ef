// hail: Ganeti's iallocator plugin (Program/Hail.hs). Reads a request file (or `-` for stdin), prints the JSON
// answer on stdout; exits 0 even when the request cannot be satisfied (`"success": false`), 1 on bad input or a bad
// option value, 2 on a bad command line. Options in hail-options.ts.
import fs from "node:fs";
import os from "node:os";
import { readIAllocatorRequest, type IAllocInput } from "../backends/iallocator";
import { runIAllocator, usesDedicatedAllocation } from "../backends/iallocator-response";
import { loadClusterData } from "../backends/load";
import { serializeTextData } from "../backends/text";
import type { ClusterData } from "../cluster-data";
import type { AllocOptions } from "../allocation/types";
import { HtoolsInputError } from "../types";
import { parseProgramOptions } from "./getopt";
import { completionInfo, defaultHailOptions, HAIL_OPTIONS } from "./hail-options";
import { printNodes, showClusterData, showRequest } from "./hail-show";

export type HailIO = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
};

const defaultIO: HailIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => fs.readFileSync(0, "utf8"),
};

const HAIL_VERSION = "3.0.2-gantry";

const PROGRAM = {
  name: "hail",
  version: `hail (gantry) version ${HAIL_VERSION}`,
  versionDetail: `compatible with Ganeti 3.0.2's hail\nrunning on ${os.platform()} ${os.arch()}\n`,
  specs: HAIL_OPTIONS,
  defaults: defaultHailOptions(),
  completion: completionInfo,
};

function warnings(io: HailIO, list: string[]) {
  if (list.length === 0) return;
  io.stderr(`Warning: cluster has inconsistent data:\n${list.map((w) => `  - ${w}\n`).join("")}\n`);
}

function saveData(io: HailIO, path: string | null, ext: string, msg: string, data: ClusterData) {
  if (path === null) return;
  const out = `${path}.${ext}`;
  fs.writeFileSync(out, serializeTextData(data));
  io.stderr(`The cluster state ${msg} has been written to file '${out}'\n`);
}

function printNodeTable(io: HailIO, fields: string[] | null, msg: string, data: ClusterData) {
  if (fields === null) return;
  io.stderr(`\n${msg} status:\n${printNodes(data.nodes, fields)}\n`);
}

/** Runs hail; returns the exit code. */
export async function main(argv: readonly string[], io: HailIO = defaultIO): Promise<number> {
  const parsed = parseProgramOptions(PROGRAM, argv, io.stdout, io.stderr);
  if (typeof parsed === "number") return parsed;
  const { opts, args } = parsed;
  try {
    if (args.length === 0) throw new HtoolsInputError("This program needs an input file.");
    if (args.length > 1) throw new HtoolsInputError("Only one argument is accepted (the input file)");
    const file = args[0]!;
    const text = file === "-" ? io.readStdin() : readFile(file);
    let input: IAllocInput = readIAllocatorRequest(text, { staticKvmNodeMemory: opts.staticKvmNodeMemory });
    warnings(io, input.warnings);
    if (opts.dataFile !== null || opts.nodeSim.length > 0) {
      // As Ganeti: the request keeps the indices of its own cluster, the data comes from the other backend.
      const loaded = await loadClusterData({ textFile: opts.dataFile ?? undefined, simulate: opts.nodeSim, ignoreDynu: opts.ignoreDynu });
      warnings(io, loaded.warnings);
      input = { ...input, data: loaded.data };
    }
    if (opts.verbose > 1) io.stderr(`Received request: ${showRequest(input.request)}\n`);
    if (opts.verbose > 2) io.stderr(`Received cluster data: ${showClusterData(input.data)}\n`);
    if (opts.verbose > 1 && usesDedicatedAllocation(input)) io.stderr("Allocation on a dedicated cluster; using lost-allocations metrics.\n");
    printNodeTable(io, opts.showNodes, "Initial cluster", input.data);
    saveData(io, opts.saveCluster, "pre-ialloc", "before iallocator run", input.data);
    const allocOptions: AllocOptions = {
      capacityChecks: opts.capacityChecks,
      ignoreSoftErrors: opts.ignoreSoftErrors,
      restrictToNodes: opts.restrictToNodes,
    };
    const answer = runIAllocator(allocOptions, input);
    io.stdout(`${answer.response}\n`);
    printNodeTable(io, opts.showNodes, "Final cluster", answer.data);
    saveData(io, opts.saveCluster, "post-ialloc", "after iallocator run", answer.data);
    return 0;
  } catch (err) {
    if (err instanceof HtoolsInputError) {
      io.stderr(`Error: ${err.message}\n`);
      return 1;
    }
    io.stderr(`hail: ${(err as Error).message}\n`);
    return 1;
  }
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new HtoolsInputError(`${file}: openFile: ${e.code === "ENOENT" ? "does not exist (No such file or directory)" : e.message}`);
  }
}
