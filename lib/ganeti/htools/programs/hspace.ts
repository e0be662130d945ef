// hspace: cluster capacity estimation, a drop-in for Ganeti's (options, output and exit codes as Ganeti 3.0.2's).
// main(argv) returns the exit code; backends outside htools (-m, -L, -I) come through an injected loader.
import { parseProgramOptions } from "./getopt";
import type { ExternalLoader } from "../capacity/load";
import { HspaceExit, loadExternalData, setNodeStatus } from "../capacity/load";
import { completionInfo, defaultHspaceOptions, HSPACE_OPTIONS } from "../capacity/options";
import type { EngineFactory, Output } from "../capacity/hspace-run";
import { runHspace } from "../capacity/hspace-run";
import { fastEngine } from "../capacity/fast-engine";
import { loadIAllocatorFile } from "../backends/load";
import { loadLuxiData } from "../backends/luxi";
import { loadRapiData } from "../backends/rapi";

export const HSPACE_VERSION = "hspace (gantry) version 3.0.2-compatible";

export type HspaceIo = Partial<Output> & { loadExternal?: ExternalLoader; engine?: EngineFactory };

/** The RAPI, Luxi and iallocator backends hbal uses too. */
const backendLoader: ExternalLoader = (source) =>
  source.kind === "rapi" ? loadRapiData(source.address) : source.kind === "luxi" ? loadLuxiData(source.socket) : loadIAllocatorFile(source.file);

const PROGRAM = { name: "hspace", version: HSPACE_VERSION, specs: HSPACE_OPTIONS, defaults: defaultHspaceOptions(), completion: completionInfo };

export async function main(argv: readonly string[], io: HspaceIo = {}): Promise<number> {
  const out = io.out ?? ((s: string) => void process.stdout.write(s));
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const parsed = parseProgramOptions(PROGRAM, argv, out, err);
  if (typeof parsed === "number") return parsed;
  const opts = parsed.opts;
  try {
    if (parsed.args.length > 0) throw new HspaceExit("This program doesn't take any arguments.");
    const loaded = await loadExternalData(opts, io.loadExternal ?? backendLoader);
    if (opts.verbose >= 1 && loaded.warnings.length > 0) {
      err(`Warning: cluster has inconsistent data:\n${loaded.warnings.map((w) => `  - ${w}\n`).join("")}\n`);
    }
    const nodes = setNodeStatus(opts, loaded.data.nodes);
    runHspace(opts, loaded.data, nodes, { out, err }, io.engine ?? fastEngine);
    return 0;
  } catch (e) {
    if (e instanceof HspaceExit) {
      err(`Error: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}
