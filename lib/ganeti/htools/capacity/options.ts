// hspace's command-line options (Ganeti's Program/Hspace.hs option list and CLI.hs parsers and defaults).
import type { DiskTemplate } from "../types";
import { DISK_TEMPLATES, isDiskTemplate } from "../types";
import type { OptionSpec } from "../programs/getopt";
import { parseNodeFields, parseYesNo } from "../programs/getopt";
import type { RSpec } from "./rspec";
import { parseISpecString, SpecError } from "./rspec";

export type HspaceOptions = {
  showNodes: string[] | null;
  dataFile: string | null;
  diskTemplate: DiskTemplate | null;
  spindleUse: number | null;
  nodeSim: string[];
  master: string;
  /** `-L [SOCKET]`; `true` is this installation's master daemon (GANTRY_STATE_DIR), as for hbal. */
  luxi: string | true | null;
  iallocSrc: string | null;
  verbose: number;
  independentGroups: boolean;
  acceptExisting: boolean;
  offline: string[];
  capacityChecks: boolean;
  machineReadable: boolean;
  maxCpu: number | null;
  maxLength: number;
  minDisk: number;
  stdSpec: RSpec | null;
  tieredSpec: RSpec | null;
  saveCluster: string | null;
  staticKvmNodeMemory: number | null;
  showVersion: boolean;
  showHelp: boolean;
  showCompletion: boolean;
};

export const defaultHspaceOptions = (): HspaceOptions => ({
  showNodes: null,
  dataFile: null,
  diskTemplate: null,
  spindleUse: null,
  nodeSim: [],
  master: "",
  luxi: null,
  iallocSrc: null,
  verbose: 1,
  independentGroups: false,
  acceptExisting: false,
  offline: [],
  capacityChecks: true,
  machineReadable: false,
  maxCpu: null,
  maxLength: -1,
  minDisk: 0,
  stdSpec: null,
  tieredSpec: null,
  saveCluster: null,
  staticKvmNodeMemory: null,
  showVersion: false,
  showHelp: false,
  showCompletion: false,
});


/** Ganeti's tryRead for an Int (whole string). */
function readInt(what: string, s: string): number {
  if (!/^\s*-?\d+$/.test(s)) throw new Error(`${what}: cannot parse string '${s}'`);
  return Number(s);
}

/** Ganeti's tryRead for a Double (Haskell syntax: digits required around the point). */
function readDouble(what: string, s: string): number {
  if (!/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) throw new Error(`${what}: cannot parse string '${s}'`);
  return Number(s);
}

function spec(descr: string, value: string): RSpec {
  try {
    return parseISpecString(descr, value);
  } catch (err) {
    if (err instanceof SpecError) throw new Error(err.message);
    throw err;
  }
}

type Spec = OptionSpec<HspaceOptions>;
const v = (value: string | undefined): string => value ?? "";

export const HSPACE_OPTIONS: readonly Spec[] = [
  {
    short: "p", long: "print-nodes", arg: "optional", argName: "FIELDS", help: "print the final node list",
    apply: (o, value) => ({ ...o, showNodes: parseNodeFields(value) }),
  },
  { short: "t", long: "text-data", arg: "required", argName: "FILE", help: "the cluster data FILE", apply: (o, value) => ({ ...o, dataFile: v(value) }) },
  {
    long: "disk-template", arg: "required", argName: "TEMPLATE", help: "select the desired disk template",
    apply: (o, value) => {
      if (!isDiskTemplate(v(value))) throw new Error(`Invalid string value for type DiskTemplate: ${JSON.stringify(v(value))}`);
      return { ...o, diskTemplate: v(value) as DiskTemplate };
    },
  },
  {
    long: "spindle-use", arg: "required", argName: "SPINDLES", help: "select how many virtual spindle instances use [default read from cluster]",
    apply: (o, value) => {
      const su = readInt("parsing spindle-use", v(value));
      if (su < 0) throw new Error("Invalid value of the spindle-use (expected >= 0)");
      return { ...o, spindleUse: su };
    },
  },
  {
    long: "simulate", arg: "required", argName: "SPEC", help: "simulate an empty cluster, given as 'alloc_policy,num_nodes,disk,ram,cpu'",
    // Ganeti prepends each spec, so the last --simulate becomes group 1.
    apply: (o, value) => ({ ...o, nodeSim: [v(value), ...o.nodeSim] }),
  },
  { short: "m", long: "master", arg: "required", argName: "ADDRESS", help: "collect data via RAPI at the given ADDRESS", apply: (o, value) => ({ ...o, master: v(value) }) },
  {
    short: "L", long: "luxi", arg: "optional", argName: "SOCKET",
    help: "collect data via Luxi, optionally using the given SOCKET path [this installation's master daemon]",
    apply: (o, value) => ({ ...o, luxi: value ?? true }),
  },
  { short: "I", long: "ialloc-src", arg: "required", argName: "FILE", help: "Specify an iallocator spec as the cluster data source", apply: (o, value) => ({ ...o, iallocSrc: v(value) }) },
  { short: "v", long: "verbose", arg: "none", help: "increase the verbosity level", apply: (o) => ({ ...o, verbose: o.verbose + 1 }) },
  { short: "q", long: "quiet", arg: "none", help: "decrease the verbosity level", apply: (o) => ({ ...o, verbose: o.verbose - 1 }) },
  { long: "independent-groups", arg: "none", help: "Consider groups independently", apply: (o) => ({ ...o, independentGroups: true }) },
  { long: "accept-existing-errors", arg: "none", help: "Accept existing N+1 violations; just don't add new ones", apply: (o) => ({ ...o, acceptExisting: true }) },
  { short: "O", long: "offline", arg: "required", argName: "NODE", help: "set node as offline", apply: (o, value) => ({ ...o, offline: [v(value), ...o.offline] }) },
  { long: "no-capacity-checks", arg: "none", help: "disable capacity checks (like global N+1 redundancy)", apply: (o) => ({ ...o, capacityChecks: false }) },
  {
    long: "machine-readable", arg: "optional", argName: "CHOICE",
    help: "enable machine readable output (pass either 'yes' or 'no' to explicitly control the flag, or without an argument defaults to yes)",
    apply: (o, value) => ({ ...o, machineReadable: parseYesNo(value) }),
  },
  {
    long: "max-cpu", arg: "required", argName: "RATIO", help: "maximum virtual-to-physical cpu ratio for nodes (from 0 upwards) [default read from cluster]",
    apply: (o, value) => {
      const r = readDouble("parsing max-cpu", v(value));
      if (r <= 0) throw new Error("Invalid value of the max-cpu ratio, expected >0");
      return { ...o, maxCpu: r };
    },
  },
  {
    short: "l", long: "max-length", arg: "required", argName: "N",
    help: "cap the solution at this many balancing or allocation rounds (useful for very unbalanced clusters or empty clusters)",
    apply: (o, value) => ({ ...o, maxLength: readInt("max solution length", v(value)) }),
  },
  {
    long: "min-disk", arg: "required", argName: "RATIO", help: "minimum free disk space for nodes (between 0 and 1) [0]",
    apply: (o, value) => ({ ...o, minDisk: readDouble("min free disk space", v(value)) }),
  },
  {
    long: "standard-alloc", arg: "required", argName: "STDSPEC", help: "enable standard specs allocation, given as 'disk,ram,cpu'",
    apply: (o, value) => ({ ...o, stdSpec: spec("standard", v(value)) }),
  },
  {
    long: "tiered-alloc", arg: "required", argName: "TSPEC", help: "enable tiered specs allocation, given as 'disk,ram,cpu'",
    apply: (o, value) => ({ ...o, tieredSpec: spec("tiered", v(value)) }),
  },
  { short: "S", long: "save", arg: "required", argName: "FILE", help: "Save cluster state at the end of the processing to FILE", apply: (o, value) => ({ ...o, saveCluster: v(value) }) },
  {
    long: "static-kvm-node-memory", arg: "required", argName: "N",
    help: "use static node memory [in MB] on KVM instead of value reported by hypervisor. Use 0 to take value reported from hypervisor.",
    apply: (o, value) => ({ ...o, staticKvmNodeMemory: readInt("static node memory", v(value)) }),
  },
  { short: "V", long: "version", arg: "none", help: "show the version of the program", apply: (o) => ({ ...o, showVersion: true }) },
  { short: "h", long: "help", arg: "none", help: "show help", apply: (o) => ({ ...o, showHelp: true }) },
  { long: "help-completion", arg: "none", help: "show completion info", apply: (o) => ({ ...o, showCompletion: true }) },
];

/** `--help-completion`: Ganeti's completion description of each option. */
export function completionInfo(): string {
  const kinds: Record<string, string> = {
    "print-nodes": "none", "text-data": "file", "disk-template": `choices=${DISK_TEMPLATES.join(",")}`, "spindle-use": "float",
    simulate: "string", master: "host", luxi: "file", "ialloc-src": "file", verbose: "none", quiet: "none",
    "independent-groups": "none", "accept-existing-errors": "none", offline: "onenode", "no-capacity-checks": "none",
    "machine-readable": "choices=yes,no", "max-cpu": "float", "max-length": "integer", "min-disk": "float",
    "standard-alloc": "string", "tiered-alloc": "string", save: "none", "static-kvm-node-memory": "integer",
    version: "none", help: "none", "help-completion": "none",
  };
  return HSPACE_OPTIONS.map((o) => `${o.short ? `-${o.short},` : ""}--${o.long} ${kinds[o.long] ?? "none"}\n`).join("");
}
