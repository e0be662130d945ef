// hbal's command line (Ganeti 3.0.2's Program/Hbal.hs options and CLI.hs defaults), in the order `hbal --help`
// lists them. Parsed with GetOpt's semantics (getopt.ts); value errors carry Ganeti's messages.
import type { AlgorithmOptions } from "../balance/table";
import type { OptionSpec } from "./getopt";
import { parseNodeFields, parseYesNo } from "./getopt";
import { readDouble, readInt } from "../backends/haskell-format";
import { splitString } from "../backends/haskell-format";

export type HbalOptions = {
  showNodes: string[] | null;
  showInsts: boolean;
  /** `-C`: "-" prints the commands, a path writes them as a script there. */
  showCmds: string | null;
  dataFile?: string;
  evacMode: boolean;
  restrictedMigrate: boolean;
  master: string;
  /** `-L [SOCKET]`: true for this installation's master daemon. */
  luxi?: string | true;
  iallocSrc?: string;
  execJobs: boolean;
  firstJobGroup: boolean;
  reason: string | null;
  group: string | null;
  maxLength: number;
  verbose: number;
  offline: string[];
  staticKvmNodeMemory: number | null;
  minScore: number;
  maxCpu: number | null;
  minDisk: number;
  minGain: number;
  minGainLimit: number;
  diskMoves: boolean;
  selectInstances: string[];
  instanceMoves: boolean;
  ignoreSoftErrors: boolean;
  dynuFile?: string;
  ignoreDynu: boolean;
  mond: boolean;
  mondData?: string;
  mondExitMissing: boolean;
  mondXen: boolean;
  exclusionTags: string[] | null;
  excludeInstances: string[];
  saveCluster: string | null;
  /** Job priority for `-X`: low 10, normal 0, high -10. */
  priority: number | null;
  showHelp: boolean;
  showVersion: boolean;
  showCompletion: boolean;
};

export const defaultHbalOptions = (): HbalOptions => ({
  showNodes: null,
  showInsts: false,
  showCmds: null,
  evacMode: false,
  restrictedMigrate: false,
  master: "",
  execJobs: false,
  firstJobGroup: false,
  reason: null,
  group: null,
  maxLength: -1,
  verbose: 1,
  offline: [],
  staticKvmNodeMemory: null,
  minScore: 1e-9,
  maxCpu: null,
  minDisk: 0,
  minGain: 1e-2,
  minGainLimit: 1e-1,
  diskMoves: true,
  selectInstances: [],
  instanceMoves: true,
  ignoreSoftErrors: false,
  ignoreDynu: false,
  mond: false,
  mondExitMissing: false,
  mondXen: false,
  exclusionTags: null,
  excludeInstances: [],
  saveCluster: null,
  priority: null,
  showHelp: false,
  showVersion: false,
  showCompletion: false,
});

type Spec = OptionSpec<HbalOptions> & { completion: string };

const PRIORITIES: Record<string, number> = { low: 10, normal: 0, high: -10 };

const flag = (short: string | undefined, long: string, help: string, apply: (o: HbalOptions) => HbalOptions): Spec => ({
  ...(short ? { short } : {}),
  long,
  arg: "none",
  help,
  completion: "none",
  apply: (o) => apply(o),
});

const req = (
  short: string | undefined,
  long: string,
  argName: string,
  help: string,
  completion: string,
  apply: (o: HbalOptions, v: string) => HbalOptions,
): Spec => ({ ...(short ? { short } : {}), long, arg: "required", argName, help, completion, apply: (o, v) => apply(o, v!) });

export const HBAL_OPTIONS: readonly Spec[] = [
  {
    short: "p",
    long: "print-nodes",
    arg: "optional",
    argName: "FIELDS",
    help: "print the final node list",
    completion: "none",
    apply: (o, v) => ({ ...o, showNodes: parseNodeFields(v) }),
  },
  flag(undefined, "print-instances", "print the final instance map", (o) => ({ ...o, showInsts: true })),
  {
    short: "C",
    long: "print-commands",
    arg: "optional",
    argName: "FILE",
    help: "print the ganeti command list for reaching the solution, if an argument is passed then write the commands to a file named as such",
    completion: "none",
    apply: (o, v) => ({ ...o, showCmds: v ?? "-" }),
  },
  req("t", "text-data", "FILE", "the cluster data FILE", "file", (o, v) => ({ ...o, dataFile: v })),
  flag("E", "evac-mode", "enable evacuation mode, where the algorithm only moves instances away from offline and drained nodes", (o) => ({
    ...o,
    evacMode: true,
  })),
  flag(
    undefined,
    "restricted-migration",
    "disallow replace-primary moves (aka frf-moves); in evacuation mode, this will ensure that the only migrations are off the drained nodes",
    (o) => ({ ...o, restrictedMigrate: true }),
  ),
  req("m", "master", "ADDRESS", "collect data via RAPI at the given ADDRESS", "host", (o, v) => ({ ...o, master: v })),
  {
    short: "L",
    long: "luxi",
    arg: "optional",
    argName: "SOCKET",
    help: "collect data via Luxi, optionally using the given SOCKET path [this installation's master daemon]",
    completion: "file",
    apply: (o, v) => ({ ...o, luxi: v ?? true }),
  },
  req("I", "ialloc-src", "FILE", "Specify an iallocator spec as the cluster data source", "file", (o, v) => ({ ...o, iallocSrc: v })),
  flag("X", "exec", "execute the suggested moves via Luxi (only available when using it for data gathering)", (o) => ({ ...o, execJobs: true })),
  flag(undefined, "first-job-group", "only execute the first group of jobs", (o) => ({ ...o, firstJobGroup: true })),
  req(undefined, "reason", "REASON", "The reason to pass to the submitted jobs", "none", (o, v) => ({ ...o, reason: v })),
  req("G", "group", "ID", "the target node group (name or UUID)", "onegroup", (o, v) => ({ ...o, group: v })),
  req(
    "l",
    "max-length",
    "N",
    "cap the solution at this many balancing or allocation rounds (useful for very unbalanced clusters or empty clusters)",
    "integer",
    (o, v) => ({ ...o, maxLength: readInt("max solution length", v) }),
  ),
  flag("v", "verbose", "increase the verbosity level", (o) => ({ ...o, verbose: o.verbose + 1 })),
  flag("q", "quiet", "decrease the verbosity level", (o) => ({ ...o, verbose: o.verbose - 1 })),
  req("O", "offline", "NODE", "set node as offline", "onenode", (o, v) => ({ ...o, offline: [v, ...o.offline] })),
  req(
    undefined,
    "static-kvm-node-memory",
    "N",
    "use static node memory [in MB] on KVM instead of value reported by hypervisor. Use 0 to take value reported from hypervisor.",
    "integer",
    (o, v) => ({ ...o, staticKvmNodeMemory: readInt("static node memory", v) }),
  ),
  req("e", "min-score", "EPSILON", "mininum excess to the N+1 limit to aim for", "float", (o, v) => ({ ...o, minScore: readDouble("min score", v) })),
  req(undefined, "max-cpu", "RATIO", "maximum virtual-to-physical cpu ratio for nodes (from 0 upwards) [default read from cluster]", "float", (o, v) => {
    const ratio = readDouble("parsing max-cpu", v);
    if (ratio <= 0) throw new Error("Invalid value of the max-cpu ratio, expected >0");
    return { ...o, maxCpu: ratio };
  }),
  req(undefined, "min-disk", "RATIO", "minimum free disk space for nodes (between 0 and 1) [0]", "float", (o, v) => ({
    ...o,
    minDisk: readDouble("min free disk space", v),
  })),
  req("g", "min-gain", "DELTA", "minimum gain to aim for in a balancing step before giving up", "float", (o, v) => ({
    ...o,
    minGain: readDouble("min gain", v),
  })),
  req(undefined, "min-gain-limit", "SCORE", "minimum cluster score for which we start checking the min-gain", "float", (o, v) => ({
    ...o,
    minGainLimit: readDouble("min gain limit", v),
  })),
  flag(
    undefined,
    "no-disk-moves",
    "disallow disk moves from the list of allowed instance changes, thus allowing only the 'cheap' failover/migrate operations",
    (o) => ({ ...o, diskMoves: false }),
  ),
  req(undefined, "select-instances", "INSTS", "only select given instances for any moves", "manyinstances", (o, v) => ({
    ...o,
    selectInstances: splitString(",", v),
  })),
  flag(
    undefined,
    "no-instance-moves",
    "disallow instance (primary node) moves from the list of allowed, instance changes, thus allowing only slower, but sometimes safer, drbd secondary changes",
    (o) => ({ ...o, instanceMoves: false }),
  ),
  flag(undefined, "ignore-soft-errors", "Ignore any soft restrictions in balancing", (o) => ({ ...o, ignoreSoftErrors: true })),
  req("U", "dynu-file", "FILE", "Import dynamic utilisation data from the given FILE", "file", (o, v) => ({ ...o, dynuFile: v })),
  flag(undefined, "ignore-dynu", "Ignore any dynamic utilisation information", (o) => ({ ...o, ignoreDynu: true })),
  {
    long: "mond",
    arg: "optional",
    argName: "CHOICE",
    help: "pass either 'yes' or 'no' to query all monDs",
    completion: "choices=yes,no",
    apply: (o, v) => ({ ...o, mond: parseYesNo(v) }),
  },
  req(undefined, "mond-data", "FILE", "Import data provided by MonDs from the given FILE", "file", (o, v) => ({ ...o, mondData: v })),
  flag(undefined, "exit-on-missing-mond-data", "abort if the data available from the monitoring daemons is incomplete", (o) => ({
    ...o,
    mondExitMissing: true,
  })),
  flag(undefined, "mond-xen", "also consider xen-specific collectors in MonD queries", (o) => ({ ...o, mondXen: true })),
  req(undefined, "exclusion-tags", "TAG,...", "Enable instance exclusion based on given tag prefix", "string", (o, v) => ({
    ...o,
    exclusionTags: splitString(",", v),
  })),
  req(undefined, "exclude-instances", "INSTS", "exclude given instances from any moves", "manyinstances", (o, v) => ({
    ...o,
    excludeInstances: splitString(",", v),
  })),
  req("S", "save", "FILE", "Save cluster state at the end of the processing to FILE", "none", (o, v) => ({ ...o, saveCluster: v })),
  req(undefined, "priority", "PRIO", "set the priority of submitted jobs", "choices=low,normal,high", (o, v) => {
    const prio = PRIORITIES[v];
    if (prio === undefined) throw new Error(`Unknown priority '${v}'`);
    return { ...o, priority: prio };
  }),
  flag("V", "version", "show the version of the program", (o) => ({ ...o, showVersion: true })),
  flag("h", "help", "show help", (o) => ({ ...o, showHelp: true })),
  flag(undefined, "help-completion", "show completion info", (o) => ({ ...o, showCompletion: true })),
];

/** `--help-completion`: one line per option (its names and what completes its argument), as Ganeti prints them. */
export function completionInfo(): string {
  return HBAL_OPTIONS.map((o) => {
    const names = [o.short ? `-${o.short}` : null, `--${o.long}`].filter(Boolean).join(",");
    return `${names} ${o.completion}\n`;
  }).join("");
}

/** The balancing options of the command line (AlgorithmParams.fromCLIOptions). */
export const algorithmOptions = (opts: HbalOptions): AlgorithmOptions => ({
  diskMoves: opts.diskMoves,
  instanceMoves: opts.instanceMoves,
  restrictedMigration: opts.restrictedMigrate,
  ignoreSoftErrors: opts.ignoreSoftErrors,
  evacMode: opts.evacMode,
  minGain: opts.minGain,
  minGainLimit: opts.minGainLimit,
});
