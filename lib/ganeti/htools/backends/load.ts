// Choosing where htools read the cluster from (Ganeti's ExtLoader.loadExternalData): `-m` RAPI, `-L` the embedded
// cluster's master daemon, `--simulate`, `-t` a text file or `-I` an iallocator request, in that order of precedence;
// then the utilisation file (`-U`), the common loading steps (finalizeCluster) and the consistency warnings.
// Errors are HtoolsInputError with Ganeti's whole message; tools print them as `Error: <message>` and exit 1.
import fs from "node:fs/promises";
import type { LoadedCluster, LoadOptions } from "../loader";
import { finalizeCluster } from "../loader";
import type { ClusterData } from "../cluster-data";
import type { DynUtil } from "../types";
import { HtoolsInputError } from "../types";
import { haskellLines, readDouble, ReadError, splitString } from "./haskell-format";
import { readIAllocatorCluster } from "./iallocator";
import { loadLuxiData } from "./luxi";
import { ioErrorMessage, loadRapiData } from "./rapi";
import { parseSimulation } from "./simulate";
import { parseTextData } from "./text";

export type BackendOptions = {
  /** `-t FILE`: Ganeti's text format. */
  textFile?: string;
  /** `-m CLUSTER`: a RAPI host, URL (`https://user:pass@host:5080`) or `file://DIR` of saved RAPI answers. */
  rapiUrl?: string;
  /** `-L [SOCKET]`: the embedded cluster's master daemon; `true` for this installation's (GANTRY_STATE_DIR). */
  luxiSocket?: string | true;
  /** `-I FILE`: the cluster of an iallocator request. */
  iallocatorFile?: string;
  /** `--simulate SPEC` (repeatable): hspace's simulated cluster. */
  simulate?: readonly string[];
};

export type ClusterLoadOptions = BackendOptions &
  Omit<LoadOptions, "exclusionTags" | "utilisation"> & {
    /** `--exclusion-tags a,b` as given; like Ganeti, each becomes the prefix `a:`. */
    exclusionTags?: readonly string[];
    /** `-U FILE`: per-instance utilisation, lines of `name cpu mem dsk net`. */
    dynuFile?: string;
  };

const LOAD_FAILED = "failed to load data, aborting";

export async function loadClusterData(options: ClusterLoadOptions): Promise<LoadedCluster> {
  const setRapi = Boolean(options.rapiUrl);
  const setLuxi = options.luxiSocket !== undefined;
  const setFile = options.textFile !== undefined;
  if ([setRapi, setLuxi, setFile].filter(Boolean).length > 1) {
    throw new HtoolsInputError("Only one of the rapi, luxi, and data files options should be given.");
  }
  const utilisation = options.dynuFile === undefined ? undefined : await readUtilisation(options.dynuFile);
  let raw: ClusterData;
  try {
    raw = await readBackend(options);
  } catch (err) {
    if (err instanceof HtoolsInputError) throw new HtoolsInputError(`${LOAD_FAILED}: ${err.message}`);
    throw err;
  }
  const loadOptions: LoadOptions = {
    ignoreDynu: options.ignoreDynu,
    utilisation: options.ignoreDynu ? undefined : utilisation,
    exclusionTags: options.exclusionTags?.map((t) => `${t}:`),
    selectInstances: options.selectInstances,
    excludeInstances: options.excludeInstances,
  };
  try {
    return finalizeCluster(raw, loadOptions);
  } catch (err) {
    if (err instanceof HtoolsInputError) throw new HtoolsInputError(`${LOAD_FAILED}: ${err.message}`);
    throw err;
  }
}

async function readBackend(options: ClusterLoadOptions): Promise<ClusterData> {
  if (options.rapiUrl) return loadRapiData(options.rapiUrl);
  if (options.luxiSocket !== undefined) return loadLuxiData(options.luxiSocket);
  if (options.simulate?.length) return parseSimulation(options.simulate);
  if (options.textFile !== undefined) return loadTextFile(options.textFile);
  if (options.iallocatorFile !== undefined) return loadIAllocatorFile(options.iallocatorFile);
  throw new HtoolsInputError("No backend selected! Exiting.");
}

async function readInput(file: string): Promise<string> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (err) {
    throw new HtoolsInputError(ioErrorMessage(file, err));
  }
}

export async function loadTextFile(file: string): Promise<ClusterData> {
  return parseTextData(await readInput(file));
}

/** `-I FILE` for hbal and hspace: only the cluster of the request counts. */
export async function loadIAllocatorFile(file: string): Promise<ClusterData> {
  return readIAllocatorCluster(await readInput(file));
}

/** Ganeti's parseUtilisation over the lines of a `-U` file. */
export function parseUtilisation(text: string): Map<string, DynUtil> {
  const out = new Map<string, DynUtil>();
  for (const line of haskellLines(text)) {
    const fields = splitString(" ", line);
    if (fields.length !== 5) throw new HtoolsInputError(`can't parse utilisation data: Cannot parse line ${line}`);
    const [name, cpu, mem, dsk, net] = fields as [string, string, string, string, string];
    try {
      out.set(name, { cpu: readDouble(name, cpu), mem: readDouble(name, mem), dsk: readDouble(name, dsk), net: readDouble(name, net) });
    } catch (err) {
      if (err instanceof ReadError) throw new HtoolsInputError(`can't parse utilisation data: ${err.message}`);
      throw err;
    }
  }
  return out;
}

async function readUtilisation(file: string): Promise<Map<string, DynUtil>> {
  return parseUtilisation(await readInput(file));
}
