// hail's command line (Ganeti 3.0.2's Program/Hail.hs options and CLI.hs parsers and defaults), in the order
// `hail --help` lists them. Parsed with GetOpt's semantics (getopt.ts); value errors carry Ganeti's messages.
import { readInt, splitString } from "../backends/haskell-format";
import { DEFAULT_STATIC_KVM_NODE_MEMORY } from "../backends/iallocator";
import type { OptionSpec } from "./getopt";
import { parseNodeFields, parseYesNo } from "./getopt";

export type HailOptions = {
  /** `-p [FIELDS]`: null prints no node tables, [] the default fields, ["+", …] the defaults plus these. */
  showNodes: string[] | null;
  saveCluster: string | null;
  dataFile: string | null;
  /** `--simulate` specs, the last one given first (as Ganeti keeps them: it names the groups in that order). */
  nodeSim: string[];
  verbose: number;
  ignoreDynu: boolean;
  ignoreSoftErrors: boolean;
  capacityChecks: boolean;
  restrictToNodes: string[] | null;
  staticKvmNodeMemory: number;
  showVersion: boolean;
  showHelp: boolean;
  showCompletion: boolean;
};

export const defaultHailOptions = (): HailOptions => ({
  showNodes: null,
  saveCluster: null,
  dataFile: null,
  nodeSim: [],
  verbose: 1,
  ignoreDynu: false,
  ignoreSoftErrors: false,
  capacityChecks: true,
  restrictToNodes: null,
  staticKvmNodeMemory: DEFAULT_STATIC_KVM_NODE_MEMORY,
  showVersion: false,
  showHelp: false,
  showCompletion: false,
});

/** An option and what `--help-completion` says completes its argument. */
type Spec = OptionSpec<HailOptions> & { completion: string };

export const HAIL_OPTIONS: readonly Spec[] = [
  {
    short: "p", long: "print-nodes", arg: "optional", argName: "FIELDS", help: "print the final node list", completion: "none",
    apply: (o, value) => ({ ...o, showNodes: parseNodeFields(value) }),
  },
  {
    short: "S", long: "save", arg: "required", argName: "FILE", help: "Save cluster state at the end of the processing to FILE", completion: "none",
    apply: (o, value) => ({ ...o, saveCluster: value! }),
  },
  { short: "t", long: "text-data", arg: "required", argName: "FILE", help: "the cluster data FILE", completion: "file", apply: (o, value) => ({ ...o, dataFile: value! }) },
  {
    long: "simulate", arg: "required", argName: "SPEC", help: "simulate an empty cluster, given as 'alloc_policy,num_nodes,disk,ram,cpu'", completion: "string",
    apply: (o, value) => ({ ...o, nodeSim: [value!, ...o.nodeSim] }),
  },
  { short: "v", long: "verbose", arg: "none", help: "increase the verbosity level", completion: "none", apply: (o) => ({ ...o, verbose: o.verbose + 1 }) },
  { long: "ignore-dynu", arg: "none", help: "Ignore any dynamic utilisation information", completion: "none", apply: (o) => ({ ...o, ignoreDynu: true }) },
  { long: "ignore-soft-errors", arg: "none", help: "Ignore any soft restrictions in balancing", completion: "none", apply: (o) => ({ ...o, ignoreSoftErrors: true }) },
  {
    long: "no-capacity-checks", arg: "none", help: "disable capacity checks (like global N+1 redundancy)", completion: "none",
    apply: (o) => ({ ...o, capacityChecks: false }),
  },
  {
    long: "restrict-allocation-to", arg: "required", argName: "NODE,...", help: "Restrict allocations to the given set of nodes", completion: "manynodes",
    apply: (o, value) => ({ ...o, restrictToNodes: splitString(",", value!) }),
  },
  // --mond and --mond-xen are checked as Ganeti checks them, then unused: hail here reads node utilisation from the
  // request only, it queries no monitoring daemons.
  {
    long: "mond", arg: "optional", argName: "CHOICE", help: "pass either 'yes' or 'no' to query all monDs", completion: "choices=yes,no",
    apply: (o, value) => {
      parseYesNo(value);
      return o;
    },
  },
  { long: "mond-xen", arg: "none", help: "also consider xen-specific collectors in MonD queries", completion: "none", apply: (o) => o },
  {
    long: "static-kvm-node-memory", arg: "required", argName: "N", completion: "integer",
    help: "use static node memory [in MB] on KVM instead of value reported by hypervisor. Use 0 to take value reported from hypervisor.",
    apply: (o, value) => ({ ...o, staticKvmNodeMemory: readInt("static node memory", value!) }),
  },
  { short: "V", long: "version", arg: "none", help: "show the version of the program", completion: "none", apply: (o) => ({ ...o, showVersion: true }) },
  { short: "h", long: "help", arg: "none", help: "show help", completion: "none", apply: (o) => ({ ...o, showHelp: true }) },
  { long: "help-completion", arg: "none", help: "show completion info", completion: "none", apply: (o) => ({ ...o, showCompletion: true }) },
];

/** `--help-completion`: one line per option, then the argument (one request file), as Ganeti prints them. */
export function completionInfo(): string {
  const options = HAIL_OPTIONS.map((o) => `${o.short ? `-${o.short},` : ""}--${o.long} ${o.completion}\n`).join("");
  return `${options}file 1 1\n`;
}
