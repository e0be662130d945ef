// Reading the cluster for hspace (Ganeti's ExtLoader.loadExternalData and CLI.setNodeStatus): one backend (text
// file, simulation, or an injected loader for RAPI, Luxi and iallocator input), the common finalisation with its
// warnings, then `-O`, `--min-disk` and `--max-cpu` applied to the nodes.
import fs from "node:fs";
import type { ClusterData } from "../cluster-data";
import { finalizeCluster } from "../loader";
import type { Node } from "../node";
import { setMcpu, setMdsk } from "../node";
import { parseTextData } from "../backends/text";
import { parseSimulation } from "../backends/simulate";
import type { HspaceOptions } from "./options";

/** The backends read through backends/ (RAPI `-m`, Luxi `-L`, iallocator `-I`); they return the raw cluster. */
export type ExternalSource = { kind: "rapi"; address: string } | { kind: "luxi"; socket: string | true } | { kind: "ialloc"; file: string };
export type ExternalLoader = (source: ExternalSource) => Promise<ClusterData>;

/** An error Ganeti reports as "Error: <message>" with exit code 1. */
export class HspaceExit extends Error {
  override readonly name = "HspaceExit";
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

function describeReadError(file: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return `${file}: openFile: does not exist (No such file or directory)`;
  if (e.code === "EACCES") return `${file}: openFile: permission denied (Permission denied)`;
  if (e.code === "EISDIR") return `${file}: openFile: inappropriate type (is a directory)`;
  return `${file}: ${e.message}`;
}

export type Loaded = { data: ClusterData; warnings: string[] };

export async function loadExternalData(opts: HspaceOptions, external: ExternalLoader): Promise<Loaded> {
  const setRapi = opts.master !== "";
  const setLuxi = opts.luxi !== null;
  const setFile = opts.dataFile !== null;
  if ([setRapi, setLuxi, setFile].filter(Boolean).length > 1) {
    throw new HspaceExit("Only one of the rapi, luxi, and data files options should be given.");
  }
  const fail = (msg: string) => new HspaceExit(`failed to load data, aborting: ${msg}`);
  const fromExternal = (source: ExternalSource): Promise<ClusterData> => external(source);
  let raw: ClusterData;
  try {
    if (setRapi) raw = await fromExternal({ kind: "rapi", address: opts.master });
    else if (setLuxi) raw = await fromExternal({ kind: "luxi", socket: opts.luxi! });
    else if (opts.nodeSim.length > 0) raw = parseSimulation(opts.nodeSim);
    else if (setFile) {
      let text: string;
      try {
        text = fs.readFileSync(opts.dataFile!, "utf8");
      } catch (err) {
        throw fail(describeReadError(opts.dataFile!, err));
      }
      raw = parseTextData(text);
    } else if (opts.iallocSrc !== null) raw = await fromExternal({ kind: "ialloc", file: opts.iallocSrc });
    else throw fail("No backend selected! Exiting.");
    return finalizeCluster(raw);
  } catch (err) {
    if (err instanceof HspaceExit) throw err;
    throw fail((err as Error).message);
  }
}

/** Utils.lookupName: an exact name, or the single name it is a dot-separated prefix of. */
export function lookupNodeName(names: readonly string[], key: string): string | null {
  if (names.includes(key)) return key;
  const partial = names.filter((n) => n.startsWith(`${key}.`));
  return partial.length === 1 ? partial[0]! : null;
}

/** CLI.setNodeStatus: `--max-cpu`, `--min-disk` and `-O` on every node. */
export function setNodeStatus(opts: HspaceOptions, nodes: readonly Node[]): Node[] {
  const names = nodes.map((n) => n.name);
  const looked = opts.offline.map((k) => ({ key: k, name: lookupNodeName(names, k) }));
  const wrong = looked.filter((l) => l.name === null).map((l) => l.key);
  if (wrong.length > 0) throw new HspaceExit(`wrong node name(s) set as offline: ${wrong.join(",")}\n`);
  const offline = new Set(looked.map((l) => l.name));
  return nodes.map((n) => {
    const withCpu = opts.maxCpu === null ? n : setMcpu(n, opts.maxCpu);
    const withDisk = setMdsk(withCpu, opts.minDisk);
    return offline.has(n.name) ? { ...withDisk, offline: true } : withDisk;
  });
}
