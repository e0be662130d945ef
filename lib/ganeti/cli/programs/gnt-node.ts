// gnt-node: add, inspect, change, empty and remove nodes.
import type { OpInput } from "../../jobs/job";
import { parseUnit } from "../../objects/units";
import { OPT, UsageError, type Command, type Program } from "../command";
import { pollJob, submitOrWait } from "../jobs";
import { listCommand, listFieldsCommand, printResult } from "../listing";
import { parseKeyValues, parseYesNo } from "../values";
import { confirmOrForce, numberOption, printChanges, tagCommands } from "./shared";
import type { QueryResult } from "../../query/run-query";

const JOB_OPTIONS = { submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority };

/** Node evacuate and migrate return follow-up jobs; wait for each and report. */
async function followJobs(ctx: Parameters<Command["run"]>[0], result: unknown): Promise<number> {
  const jobs = ((result as { jobs?: Array<[boolean, unknown]> })?.jobs ?? []) as Array<[boolean, unknown]>;
  let failed = 0;
  for (const [ok, value] of jobs) {
    if (!ok) {
      ctx.err(`Could not submit a job: ${value}`);
      failed++;
      continue;
    }
    try {
      await pollJob(ctx, Number(value));
    } catch (error) {
      ctx.err(`Job ${value} failed: ${(error as Error).message}`);
      failed++;
    }
  }
  if (!jobs.length) ctx.out("Nothing to do");
  return failed ? 1 : 0;
}

const commands: Command[] = [
  {
    name: "add",
    usage:
      "add {--virtual --memory=SIZE --disk=SIZE --cpus=N | --primary-ip IP [--noded-port N] [--join-token TOKEN]} [-g GROUP] [--master-capable=yes|no] [--vm-capable=yes|no] NODE",
    summary: "Adds a node: --virtual creates a simulated node with the given hardware; otherwise a real host running workers/noded at --primary-ip",
    options: {
      virtual: { type: "boolean", help: "Create a virtual (simulated) node hosted by the master daemon" },
      memory: { type: "string", help: "Virtual node memory, e.g. 64G", arg: "SIZE" },
      disk: { type: "string", help: "Virtual node local storage (volume group and file storage), e.g. 1T", arg: "SIZE" },
      cpus: { type: "string", help: "Virtual node CPUs", arg: "N" },
      nodeMemory: { type: "string", help: "Memory the virtual node keeps for itself (default 1G)", arg: "SIZE" },
      spindles: { type: "string", help: "Virtual node spindles (default 1)", arg: "N" },
      nodeGroup: { type: "string", short: "g", help: "Node group (default: default)", arg: "GROUP" },
      primaryIp: { type: "string", help: "Primary IP: where a real host's noded listens (virtual nodes get one from 198.18.0.0/15)", arg: "IP" },
      nodedPort: { type: "string", help: "Port of the real host's noded (default 1811)", arg: "N" },
      joinToken: { type: "string", help: "The join token the real host's noded printed: it receives the cluster certificate", arg: "TOKEN" },
      secondaryIp: { type: "string", short: "s", help: "Secondary IP (for DRBD)", arg: "IP" },
      masterCapable: { type: "string", help: "yes or no", arg: "yes|no" },
      vmCapable: { type: "string", help: "yes or no", arg: "yes|no" },
      nodeParameters: { type: "string", help: "Node parameters", arg: "PARAMS" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      if (o.virtual && (o.nodedPort || o.joinToken)) throw new UsageError("--noded-port and --join-token are for real hosts; leave out --virtual");
      if (!o.virtual && !o.primaryIp) {
        throw new UsageError("Give a real host's address with --primary-ip (its noded's), or add a simulated node with --virtual --memory=SIZE --disk=SIZE --cpus=N");
      }
      if (o.virtual && (!o.memory || !o.disk || !o.cpus)) throw new UsageError("A virtual node needs --memory, --disk and --cpus (e.g. --memory=64G --disk=1T --cpus=16)");
      const op: OpInput = {
        OP_ID: "OP_NODE_ADD",
        node_name: node,
        ...(o.virtual
          ? {
              virtual_hardware: {
                memory: parseUnit(String(o.memory)),
                disk: parseUnit(String(o.disk)),
                cpus: numberOption(o.cpus, "cpus"),
                ...(o.nodeMemory ? { memory_dom0: parseUnit(String(o.nodeMemory)) } : {}),
                ...(o.spindles ? { spindles: numberOption(o.spindles, "spindles") } : {}),
              },
            }
          : {
              ...(o.nodedPort ? { noded_port: numberOption(o.nodedPort, "noded-port") } : {}),
              ...(o.joinToken ? { noded_join_token: String(o.joinToken) } : {}),
            }),
        group: (o.nodeGroup as string | undefined) ?? null,
        primary_ip: (o.primaryIp as string | undefined) ?? null,
        secondary_ip: (o.secondaryIp as string | undefined) ?? null,
        master_capable: parseYesNo(o.masterCapable as string | undefined, "--master-capable") ?? null,
        vm_capable: parseYesNo(o.vmCapable as string | undefined, "--vm-capable") ?? null,
        ndparams: o.nodeParameters ? parseKeyValues(String(o.nodeParameters), "--node-parameters") : null,
      };
      await submitOrWait(ctx, [op], o);
    },
  },
  listCommand("node", ["name", "dtotal", "dfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt"], "node"),
  listFieldsCommand("node"),
  {
    name: "info",
    usage: "info [NODE...]",
    summary: "Shows a node's roles, addresses and instances",
    args: { min: 0 },
    async run(ctx, args) {
      const fields = ["name", "pip", "sip", "master", "master_candidate", "drained", "offline", "master_capable", "vm_capable", "group", "pinst_list", "sinst_list", "virtual", "ndparams"];
      const filter = args.length ? ["|", ...args.map((n) => ["=", "name", n])] : null;
      const result = await (await ctx.client()).call<QueryResult>("Query", "node", fields, filter);
      for (const row of result.data) {
        const v = Object.fromEntries(fields.map((f, i) => [f, row[i]![1]])) as Record<string, any>;
        ctx.out(`Node name: ${v.name}${v.virtual ? " (virtual node, simulated)" : ""}`);
        ctx.out(`  primary ip: ${v.pip}`);
        ctx.out(`  secondary ip: ${v.sip}`);
        ctx.out(`  master candidate: ${v.master_candidate ? "True" : "False"}${v.master ? " (master)" : ""}`);
        ctx.out(`  drained: ${v.drained ? "True" : "False"}`);
        ctx.out(`  offline: ${v.offline ? "True" : "False"}`);
        ctx.out(`  master_capable: ${v.master_capable ? "True" : "False"}`);
        ctx.out(`  vm_capable: ${v.vm_capable ? "True" : "False"}`);
        ctx.out(`  node group: ${v.group}`);
        ctx.out(`  primary for instances:${(v.pinst_list as string[]).length ? "" : " (none)"}`);
        for (const i of [...v.pinst_list].sort()) ctx.out(`    - ${i}`);
        ctx.out(`  secondary for instances:${(v.sinst_list as string[]).length ? "" : " (none)"}`);
        for (const i of [...v.sinst_list].sort()) ctx.out(`    - ${i}`);
        ctx.out("  node parameters:");
        for (const [k, val] of Object.entries(v.ndparams as object).sort()) ctx.out(`    ${k}: ${val}`);
      }
    },
  },
  {
    name: "modify",
    usage: "modify [--offline=yes|no] [--drained=yes|no] [--master-candidate=yes|no] [--master-capable=yes|no] [--vm-capable=yes|no] [-s IP] [--auto-promote] [-f] NODE",
    summary: "Changes a node's roles and flags",
    options: {
      offline: { type: "string", short: "O", help: "Mark the node offline: yes or no", arg: "yes|no" },
      drained: { type: "string", short: "D", help: "Mark the node drained: yes or no", arg: "yes|no" },
      masterCandidate: { type: "string", short: "C", help: "Make it a master candidate: yes or no", arg: "yes|no" },
      masterCapable: { type: "string", help: "yes or no", arg: "yes|no" },
      vmCapable: { type: "string", help: "yes or no", arg: "yes|no" },
      autoPromote: { type: "boolean", help: "Promote another node to keep the candidate pool full" },
      secondaryIp: { type: "string", short: "s", help: "New secondary IP (DRBD replication address)", arg: "IP" },
      nodeParameters: { type: "string", help: "Node parameters", arg: "PARAMS" },
      force: { type: "boolean", short: "f", help: "Accept a short master-candidate pool; allow secondary IP changes on the master" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      const op: OpInput = { OP_ID: "OP_NODE_SET_PARAMS", node_name: node, force: Boolean(o.force), auto_promote: Boolean(o.autoPromote) };
      const flags = { offline: o.offline, drained: o.drained, master_candidate: o.masterCandidate, master_capable: o.masterCapable, vm_capable: o.vmCapable };
      for (const [key, value] of Object.entries(flags)) {
        const parsed = parseYesNo(value as string | undefined, `--${key.replace(/_/g, "-")}`);
        if (parsed !== undefined) op[key] = parsed;
      }
      if (o.nodeParameters) op.ndparams = parseKeyValues(String(o.nodeParameters), "--node-parameters");
      if (o.secondaryIp) op.secondary_ip = String(o.secondaryIp);
      if (Object.keys(op).length === 4) throw new UsageError("Nothing to change: give --offline, --drained, --master-candidate, --master-capable, --vm-capable, --secondary-ip or --node-parameters");
      const outcome = await submitOrWait(ctx, [op], o);
      printChanges(ctx, `node ${node}`, outcome?.results[0]);
    },
  },
  {
    name: "remove",
    usage: "remove NODE",
    summary: "Removes a node that holds no instances",
    options: JOB_OPTIONS,
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      await submitOrWait(ctx, [{ OP_ID: "OP_NODE_REMOVE", node_name: node }], o);
    },
  },
  {
    name: "migrate",
    usage: "migrate [-f] [--non-live] [--migration-mode=live|non-live] [-n NODE | -I hail] NODE",
    summary: "Live-migrates every primary instance away from a node",
    options: {
      force: OPT.force,
      nonLive: { type: "boolean", help: "Non-live migration" },
      migrationMode: { type: "string", help: "live or non-live", arg: "MODE" },
      dstNode: { type: "string", short: "n", help: "Target node (shared storage only)", arg: "NODE" },
      iallocator: { type: "string", short: "I", help: "Choose targets with this allocator", arg: "NAME" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      await confirmOrForce(ctx, o, `Migrate instance(s) of node ${node}?`);
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_NODE_MIGRATE", node_name: node, mode: o.nonLive ? "non-live" : ((o.migrationMode as string | undefined) ?? null), target_node: (o.dstNode as string | undefined) ?? null, iallocator: (o.iallocator as string | undefined) ?? null }], o);
      return outcome ? followJobs(ctx, outcome.results[0]) : 0;
    },
  },
  {
    name: "evacuate",
    usage: "evacuate [-f] [-p | -s] [-n NODE | -I hail] NODE",
    summary: "Moves instances off a node: primaries (-p), secondaries (-s) or both",
    options: {
      force: OPT.force,
      primaryOnly: { type: "boolean", short: "p", help: "Only primary instances" },
      secondaryOnly: { type: "boolean", short: "s", help: "Only secondary instances" },
      newSecondary: { type: "string", short: "n", help: "New secondary node for the DRBD instances", arg: "NODE" },
      iallocator: { type: "string", short: "I", help: "Choose targets with this allocator", arg: "NAME" },
      earlyRelease: { type: "boolean", help: "Release locks early" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      if (o.primaryOnly && o.secondaryOnly) throw new UsageError("Give -p or -s, not both");
      const mode = o.primaryOnly ? "primary-only" : o.secondaryOnly ? "secondary-only" : "all";
      await confirmOrForce(ctx, o, `Relocate instances (${mode}) of node ${node}?`);
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_NODE_EVACUATE", node_name: node, mode, remote_node: (o.newSecondary as string | undefined) ?? null, iallocator: (o.iallocator as string | undefined) ?? null, early_release: Boolean(o.earlyRelease) }], o);
      return outcome ? followJobs(ctx, outcome.results[0]) : 0;
    },
  },
  {
    name: "powercycle",
    usage: "powercycle [--yes] [-f] NODE",
    summary: "Power-cycles a node (its instances stop; the watcher restarts them)",
    options: {
      yes: { type: "boolean", help: "Do not ask for confirmation" },
      force: { type: "boolean", short: "f", help: "Allow power-cycling the master node" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [node], o) {
      // Ganeti's options: --yes skips the question, --force allows the master.
      if (!o.yes && !(await ctx.confirm(`Are you sure you want to hard powercycle node ${node}?`))) {
        throw new UsageError("Aborted (use --yes to skip the confirmation)");
      }
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_NODE_POWERCYCLE", node_name: node, force: Boolean(o.force) }], o);
      if (outcome) ctx.err(`Power-cycle of node ${String(outcome.results[0])} started`);
    },
  },
  {
    name: "list-storage",
    usage: "list-storage [--storage-type=lvm-vg|file] [NODE...]",
    summary: "Lists the nodes' storage units",
    options: { storageType: { type: "string", help: "lvm-vg or file", arg: "TYPE" }, noHeaders: OPT.noHeaders, separator: OPT.separator, units: OPT.units },
    args: { min: 0 },
    async run(ctx, args, o) {
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_NODE_QUERY_STORAGE", nodes: args, storage_type: (o.storageType as string | undefined) ?? "lvm-vg", output_fields: ["node", "name", "size", "used", "free", "allocatable"] }], {});
      const rows = outcome!.results[0] as unknown[][];
      const fields: QueryResult["fields"] = [
        { name: "node", title: "Node", kind: "text", doc: "" },
        { name: "name", title: "Name", kind: "text", doc: "" },
        { name: "size", title: "Size", kind: "unit", doc: "" },
        { name: "used", title: "Used", kind: "unit", doc: "" },
        { name: "free", title: "Free", kind: "unit", doc: "" },
        { name: "allocatable", title: "Allocatable", kind: "bool", doc: "" },
      ];
      printResult(ctx, { fields, data: rows.map((r) => r.map((v) => [0, v] as [number, unknown])) }, o);
    },
  },
  ...tagCommands("node"),
];

export const gntNode: Program = { name: "gnt-node", summary: "Node administration.", commands };
