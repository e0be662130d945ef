// hail: Ganeti's iallocator plugin (Program/Hail.hs). Reads a request file (or `-` for stdin), prints the JSON
// answer on stdout; exits 0 even when the request cannot be satisfied (`"success": false`), 1 on bad input, 2 on a
// bad command line.
import fs from "node:fs";
import { readIAllocatorRequest, DEFAULT_STATIC_KVM_NODE_MEMORY, type IAllocInput } from "../backends/iallocator";
import { runIAllocator, usesDedicatedAllocation } from "../backends/iallocator-response";
import { loadClusterData } from "../backends/load";
import { serializeTextData } from "../backends/text";
import type { ClusterData } from "../cluster-data";
import type { AllocOptions } from "../allocation/types";
import { HtoolsInputError } from "../types";
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

type HailOptions = {
  printNodes: string[] | null;
  save: string | null;
  textData: string | null;
  simulate: string[];
  verbose: number;
  ignoreDynu: boolean;
  ignoreSoftErrors: boolean;
  noCapacityChecks: boolean;
  restrictTo: string[] | null;
  staticKvmNodeMemory: number;
  version: boolean;
  help: boolean;
  helpCompletion: boolean;
  args: string[];
};

type OptSpec = { short?: string; long: string; arg: "none" | "required" | "optional"; argName?: string; help: string };

const OPTIONS: OptSpec[] = [
  { short: "p", long: "print-nodes", arg: "optional", argName: "FIELDS", help: "print the final node list" },
  { short: "S", long: "save", arg: "required", argName: "FILE", help: "Save cluster state at the end of the processing to FILE" },
  { short: "t", long: "text-data", arg: "required", argName: "FILE", help: "the cluster data FILE" },
  { long: "simulate", arg: "required", argName: "SPEC", help: "simulate an empty cluster, given as 'alloc_policy,num_nodes,disk,ram,cpu'" },
  { short: "v", long: "verbose", arg: "none", help: "increase the verbosity level" },
  { long: "ignore-dynu", arg: "none", help: "Ignore any dynamic utilisation information" },
  { long: "ignore-soft-errors", arg: "none", help: "Ignore any soft restrictions in balancing" },
  { long: "no-capacity-checks", arg: "none", help: "disable capacity checks (like global N+1 redundancy)" },
  { long: "restrict-allocation-to", arg: "required", argName: "NODE,...", help: "Restrict allocations to the given set of nodes" },
  { long: "mond", arg: "optional", argName: "CHOICE", help: "pass either 'yes' or 'no' to query all monDs" },
  { long: "mond-xen", arg: "none", help: "also consider xen-specific collectors in MonD queries" },
  {
    long: "static-kvm-node-memory",
    arg: "required",
    argName: "N",
    help: "use static node memory [in MB] on KVM instead of value reported by hypervisor. Use 0 to take value reported from hypervisor.",
  },
  { short: "V", long: "version", arg: "none", help: "show the version of the program" },
  { short: "h", long: "help", arg: "none", help: "show help" },
  { long: "help-completion", arg: "none", help: "show completion info" },
];

const VERSION = "hail (Gantry) version 0.1.0\ncompatible with Ganeti 3.0.2 htools\n";

function usage(): string {
  const left = OPTIONS.map((o) => {
    const arg = o.arg === "required" ? o.argName! : o.arg === "optional" ? `[${o.argName}]` : "";
    const s = o.short ? `-${o.short}${arg}` : "";
    const l = `--${o.long}${o.arg === "required" ? `=${o.argName}` : o.arg === "optional" ? `[=${o.argName}]` : ""}`;
    return [s, l, o.help] as const;
  });
  const w0 = Math.max(...left.map((x) => x[0].length));
  const w1 = Math.max(...left.map((x) => x[1].length));
  return `${VERSION}Usage: hail [OPTION...]\n${left.map(([s, l, h]) => `  ${s.padEnd(w0)}  ${l.padEnd(w1)}  ${h}`).join("\n")}\n`;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): HailOptions {
  const o: HailOptions = {
    printNodes: null,
    save: null,
    textData: null,
    simulate: [],
    verbose: 1,
    ignoreDynu: false,
    ignoreSoftErrors: false,
    noCapacityChecks: false,
    restrictTo: null,
    staticKvmNodeMemory: DEFAULT_STATIC_KVM_NODE_MEMORY,
    version: false,
    help: false,
    helpCompletion: false,
    args: [],
  };
  const apply = (spec: OptSpec, value: string | null, shown: string) => {
    switch (spec.long) {
      case "print-nodes":
        o.printNodes = value === null ? [] : value.split(",");
        break;
      case "save":
        o.save = value;
        break;
      case "text-data":
        o.textData = value;
        break;
      case "simulate":
        o.simulate.push(value!);
        break;
      case "verbose":
        o.verbose++;
        break;
      case "ignore-dynu":
        o.ignoreDynu = true;
        break;
      case "ignore-soft-errors":
        o.ignoreSoftErrors = true;
        break;
      case "no-capacity-checks":
        o.noCapacityChecks = true;
        break;
      case "restrict-allocation-to":
        o.restrictTo = value!.split(",");
        break;
      case "static-kvm-node-memory": {
        if (!/^-?\d+$/.test(value!)) throw new UsageError(`Invalid value of the ${shown} option, expected integer value`);
        o.staticKvmNodeMemory = Number(value);
        break;
      }
      case "version":
        o.version = true;
        break;
      case "help":
        o.help = true;
        break;
      case "help-completion":
        o.helpCompletion = true;
        break;
      default:
        break; // --mond, --mond-xen: no monitoring daemons to query here
    }
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "--") {
      o.args.push(...argv.slice(k + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const matches = OPTIONS.filter((s) => s.long === name);
      const prefix = matches.length ? matches : OPTIONS.filter((s) => s.long.startsWith(name));
      if (prefix.length !== 1) throw new UsageError(`unrecognized option \`${a}'`);
      const spec = prefix[0]!;
      let value: string | null = eq < 0 ? null : a.slice(eq + 1);
      if (spec.arg === "none" && value !== null) throw new UsageError(`option \`--${spec.long}' doesn't allow an argument`);
      if (spec.arg === "required" && value === null) {
        if (k + 1 >= argv.length) throw new UsageError(`option \`--${spec.long}' requires an argument ${spec.argName}`);
        value = argv[++k]!;
      }
      apply(spec, value, `--${spec.long}`);
    } else if (a.startsWith("-") && a !== "-") {
      for (let c = 1; c < a.length; c++) {
        const spec = OPTIONS.find((s) => s.short === a[c]);
        if (!spec) throw new UsageError(`unrecognized option \`-${a[c]}'`);
        if (spec.arg === "none") {
          apply(spec, null, `-${a[c]}`);
          continue;
        }
        let value: string | null = a.slice(c + 1) || null;
        if (value === null && spec.arg === "required") {
          if (k + 1 >= argv.length) throw new UsageError(`option \`-${a[c]}' requires an argument ${spec.argName}`);
          value = argv[++k]!;
        }
        apply(spec, value, `-${a[c]}`);
        break;
      }
    } else o.args.push(a);
  }
  return o;
}

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
export async function main(argv: string[], io: HailIO = defaultIO): Promise<number> {
  let opts: HailOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`Command line error: ${err.message}\n\n${usage()}`);
    return 2;
  }
  if (opts.help) {
    io.stdout(usage());
    return 0;
  }
  if (opts.version) {
    io.stdout(VERSION);
    return 0;
  }
  if (opts.helpCompletion) {
    io.stdout(`${OPTIONS.map((s) => [s.short ? `-${s.short}` : null, `--${s.long}`].filter(Boolean).join(",")).join("\n")}\nfile 1 1\n`);
    return 0;
  }
  try {
    if (opts.args.length === 0) throw new HtoolsInputError("This program needs an input file.");
    if (opts.args.length > 1) throw new HtoolsInputError("Only one argument is accepted (the input file)");
    const file = opts.args[0]!;
    const text = file === "-" ? io.readStdin() : readFile(file);
    let input: IAllocInput = readIAllocatorRequest(text, { staticKvmNodeMemory: opts.staticKvmNodeMemory });
    warnings(io, input.warnings);
    if (opts.textData !== null || opts.simulate.length > 0) {
      // As Ganeti: the request keeps the indices of its own cluster, the data comes from the other backend.
      const loaded = await loadClusterData({ textFile: opts.textData ?? undefined, simulate: opts.simulate, ignoreDynu: opts.ignoreDynu });
      warnings(io, loaded.warnings);
      input = { ...input, data: loaded.data };
    }
    if (opts.verbose > 1) io.stderr(`Received request: ${showRequest(input.request)}\n`);
    if (opts.verbose > 2) io.stderr(`Received cluster data: ${showClusterData(input.data)}\n`);
    if (opts.verbose > 1 && usesDedicatedAllocation(input)) io.stderr("Allocation on a dedicated cluster; using lost-allocations metrics.\n");
    printNodeTable(io, opts.printNodes, "Initial cluster", input.data);
    saveData(io, opts.save, "pre-ialloc", "before iallocator run", input.data);
    const allocOptions: AllocOptions = {
      capacityChecks: !opts.noCapacityChecks,
      ignoreSoftErrors: opts.ignoreSoftErrors,
      restrictToNodes: opts.restrictTo,
    };
    const answer = runIAllocator(allocOptions, input);
    io.stdout(`${answer.response}\n`);
    printNodeTable(io, opts.printNodes, "Final cluster", answer.data);
    saveData(io, opts.save, "post-ialloc", "after iallocator run", answer.data);
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
