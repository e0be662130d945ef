// gnt-instance: create, run, change, move and remove instances.
import type { OpInput } from "../../jobs/job";
import { parseUnit } from "../../objects/units";
import { OPT, UsageError, type Command, type Options, type Program } from "../command";
import { submitOrWait } from "../jobs";
import { listCommand, listFieldsCommand } from "../listing";
import { parseIndexedParams, parseKeyValues } from "../values";
import { formatInstanceInfo } from "./instance-info-format";
import { instanceAddOp, INSTANCE_ADD_OPTIONS } from "./instance-add";
import { confirmOrForce, numberOption, tagCommands } from "./shared";

const JOB_OPTIONS = { submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority };

/** A command that runs one opcode on one instance. */
function simple(name: string, summary: string, usage: string, options: Command["options"], build: (instance: string, o: Options) => OpInput, confirm?: (instance: string) => string): Command {
  return {
    name,
    usage,
    summary,
    options: { ...options, ...JOB_OPTIONS },
    args: { min: 1, max: 1 },
    async run(ctx, [instance], o) {
      if (confirm) await confirmOrForce(ctx, o, confirm(instance!));
      await submitOrWait(ctx, [build(instance!, o)], o);
    },
  };
}

const startup = simple(
  "startup",
  "Starts an instance",
  "startup [--force] [--no-remember] INSTANCE",
  { force: { ...OPT.force, help: "Start even with a secondary node offline" }, noRemember: { type: "boolean", help: "Do not record the instance as up" } },
  (instance, o) => ({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: instance, force: Boolean(o.force), no_remember: Boolean(o.noRemember) }),
);

const shutdown = simple(
  "shutdown",
  "Stops an instance",
  "shutdown [--timeout=SECONDS] [--no-remember] [--force] INSTANCE",
  { timeout: OPT.timeout, noRemember: { type: "boolean", help: "Do not record the instance as down" }, force: OPT.force, ignoreOfflineNodes: { type: "boolean", help: "Only record it as down when the node is offline" } },
  (instance, o) => ({
    OP_ID: "OP_INSTANCE_SHUTDOWN",
    instance_name: instance,
    timeout: numberOption(o.timeout, "timeout") ?? 120,
    no_remember: Boolean(o.noRemember),
    force: Boolean(o.force),
    ignore_offline_nodes: Boolean(o.ignoreOfflineNodes),
  }),
);

const commands: Command[] = [
  {
    name: "add",
    usage: "add -t TEMPLATE (-n PNODE[:SNODE] | -I hail) -o OS [-B PARAMS] [--disk N:size=SIZE]... [--net N:PARAMS]... INSTANCE",
    summary: "Creates an instance",
    options: INSTANCE_ADD_OPTIONS,
    args: { min: 1, max: 1 },
    async run(ctx, [name], o) {
      await submitOrWait(ctx, [instanceAddOp(name!, o)], o);
    },
  },
  listCommand("instance", ["name", "hypervisor", "os", "pnode", "status", "oper_ram"], "instance"),
  listFieldsCommand("instance"),
  {
    name: "info",
    usage: "info [-s|--static] [--all] [INSTANCE...]",
    summary: "Shows everything about instances",
    options: { static: { type: "boolean", short: "s", help: "Only the configuration, without asking the nodes" }, all: { type: "boolean", help: "All instances" } },
    args: { min: 0 },
    async run(ctx, args, o) {
      if (!args.length && !o.all) throw new UsageError("Name the instances, or use --all");
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_INSTANCE_QUERY_DATA", instances: args, static: Boolean(o.static), use_locking: !o.static }], {});
      const data = outcome!.results[0] as Record<string, Record<string, unknown>>;
      ctx.out(Object.keys(data).sort().map((name) => formatInstanceInfo(data[name]!)).join("\n"));
    },
  },
  startup,
  { ...startup, name: "start", summary: "Starts an instance (same as startup)" },
  shutdown,
  { ...shutdown, name: "stop", summary: "Stops an instance (same as shutdown)" },
  simple(
    "reboot",
    "Reboots an instance",
    "reboot [--type=soft|hard|full] [--shutdown-timeout=SECONDS] [--ignore-secondaries] INSTANCE",
    { type: { type: "string", help: "soft, hard (default) or full", arg: "TYPE" }, shutdownTimeout: OPT.timeout, ignoreSecondaries: { type: "boolean", help: "Ignore errors from secondary nodes" } },
    (instance, o) => ({
      OP_ID: "OP_INSTANCE_REBOOT",
      instance_name: instance,
      reboot_type: (o.type as string | undefined) ?? "hard",
      shutdown_timeout: numberOption(o.shutdownTimeout, "shutdown-timeout") ?? 120,
      ignore_secondaries: Boolean(o.ignoreSecondaries),
    }),
  ),
  simple(
    "remove",
    "Removes an instance and its disks",
    "remove [-f] [--ignore-failures] [--shutdown-timeout=SECONDS] INSTANCE",
    { force: OPT.force, ignoreFailures: { type: "boolean", help: "Remove it even if shutting it down fails" }, shutdownTimeout: OPT.timeout },
    (instance, o) => ({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: instance, ignore_failures: Boolean(o.ignoreFailures), shutdown_timeout: numberOption(o.shutdownTimeout, "shutdown-timeout") ?? 120 }),
    (instance) => `This will remove the volumes of the instance ${instance} (including mirrors), thus removing all the data of the instance. Continue?`,
  ),
  simple(
    "migrate",
    "Live-migrates an instance to its secondary node (or, for shared storage, to -n NODE)",
    "migrate [-f] [--non-live] [--migration-mode=live|non-live] [--cleanup] [-n NODE | -I hail] [--allow-failover] [--no-runtime-changes] [--ignore-ipolicy] [--ignore-hvversions] INSTANCE",
    {
      force: OPT.force,
      nonLive: { type: "boolean", help: "Non-live migration (same as --migration-mode=non-live)" },
      migrationMode: { type: "string", help: "live or non-live", arg: "MODE" },
      cleanup: { type: "boolean", help: "Clean up after a failed migration" },
      targetNode: { type: "string", short: "n", help: "Target node (shared storage and diskless only)", arg: "NODE" },
      iallocator: { type: "string", short: "I", help: "Choose the target with this allocator", arg: "NAME" },
      allowFailover: { type: "boolean", help: "Fail over when the instance is not running" },
      noRuntimeChanges: { type: "boolean", help: "Do not balloon the instance's memory down to fit the target" },
      ignoreIpolicy: { type: "boolean", help: "Ignore the target group's instance policy" },
      ignoreHvversions: { type: "boolean", help: "Migrate even between hypervisor versions believed incompatible" },
    },
    (instance, o) => ({
      OP_ID: "OP_INSTANCE_MIGRATE",
      instance_name: instance,
      mode: o.nonLive ? "non-live" : ((o.migrationMode as string | undefined) ?? null),
      cleanup: Boolean(o.cleanup),
      target_node: (o.targetNode as string | undefined) ?? null,
      iallocator: (o.iallocator as string | undefined) ?? null,
      allow_failover: Boolean(o.allowFailover),
      allow_runtime_changes: !o.noRuntimeChanges,
      ignore_ipolicy: Boolean(o.ignoreIpolicy),
      ignore_hvversions: Boolean(o.ignoreHvversions),
    }),
    (instance) => `Instance ${instance} will be migrated. Note that migration might impact the instance if anything goes wrong (e.g. due to bugs in the hypervisor). Continue?`,
  ),
  simple(
    "failover",
    "Fails an instance over to its secondary node (shutting it down and starting it there)",
    "failover [-f] [--ignore-consistency] [--shutdown-timeout=SECONDS] [-n NODE | -I hail] [--ignore-ipolicy] [--cleanup] INSTANCE",
    {
      force: OPT.force,
      ignoreConsistency: { type: "boolean", help: "Fail over even if the disks are not in sync" },
      shutdownTimeout: OPT.timeout,
      targetNode: { type: "string", short: "n", help: "Target node (shared storage and diskless only)", arg: "NODE" },
      iallocator: { type: "string", short: "I", help: "Choose the target with this allocator", arg: "NAME" },
      ignoreIpolicy: { type: "boolean", help: "Ignore the target group's instance policy" },
      cleanup: { type: "boolean", help: "Clean up after a failed failover" },
    },
    (instance, o) => ({
      OP_ID: "OP_INSTANCE_FAILOVER",
      instance_name: instance,
      ignore_consistency: Boolean(o.ignoreConsistency),
      shutdown_timeout: numberOption(o.shutdownTimeout, "shutdown-timeout") ?? 120,
      target_node: (o.targetNode as string | undefined) ?? null,
      iallocator: (o.iallocator as string | undefined) ?? null,
      ignore_ipolicy: Boolean(o.ignoreIpolicy),
      cleanup: Boolean(o.cleanup),
    }),
    (instance) => `Failover will happen to image ${instance}. This requires a shutdown of the instance. Continue?`,
  ),
  {
    name: "modify",
    usage:
      "modify [-B PARAMS] [-H PARAMS] [-m MEMORY] [--disk add:size=SIZE | --disk N:size=SIZE | --disk N:remove] [--net add:PARAMS | --net N:PARAMS | --net N:remove] [-O PARAMS] [-o OS] [--offline|--online] INSTANCE",
    summary: "Changes an instance's parameters, disks and NICs",
    options: {
      backendParameters: { type: "string", short: "B", help: "Backend parameters, e.g. memory=2G,vcpus=4", arg: "PARAMS" },
      hypervisorParameters: { type: "string", short: "H", help: "Hypervisor parameters, key=value,...", arg: "PARAMS" },
      runtimeMemory: { type: "string", short: "m", help: "Change the running instance's memory now (ballooning), e.g. 1G", arg: "SIZE" },
      disk: { type: "string", multiple: true, help: "add:size=SIZE, N:size=SIZE (grow to), N:mode=ro, N:remove (N may be a disk name)", arg: "SPEC" },
      net: { type: "string", multiple: true, help: "add:PARAMS, N:PARAMS, N:remove (N may be a NIC name)", arg: "SPEC" },
      osParameters: { type: "string", short: "O", help: "OS parameters", arg: "PARAMS" },
      osType: { type: "string", short: "o", help: "Change the OS recorded for the instance (reinstall to apply it)", arg: "OS" },
      forceVariant: { type: "boolean", help: "Accept an OS variant the node does not list" },
      diskTemplate: { type: "string", short: "t", help: "Convert to another disk template (not supported yet)", arg: "TEMPLATE" },
      node: { type: "string", short: "n", help: "Secondary node for a conversion to drbd (not supported yet)", arg: "NODE" },
      newPrimary: { type: "string", help: "Change the primary node (not supported yet)", arg: "NODE" },
      offline: { type: "boolean", help: "Mark the instance offline (it must be down)" },
      online: { type: "boolean", help: "Mark an offline instance as down again" },
      ignoreIpolicy: { type: "boolean", help: "Ignore the instance policy" },
      force: OPT.force,
      noWaitForSync: { type: "boolean", help: "Do not wait for new DRBD disks to sync" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [instance], o) {
      const outcome = await submitOrWait(ctx, [instanceModifyOp(instance!, o)], o);
      const changes = outcome?.results[0] as Array<[string, unknown]> | undefined;
      if (!changes?.length) return;
      // Ganeti's output for gnt-instance modify.
      ctx.out(`Modified instance ${instance}`);
      for (const [param, value] of changes) ctx.out(` - ${param.padEnd(5)} -> ${value === null ? "None" : String(value)}`);
      ctx.out(
        "Please don't forget that most parameters take effect only at the next (re)start of the instance initiated by ganeti; restarting from within the instance will not be enough.",
      );
    },
  },
  {
    name: "grow-disk",
    usage: "grow-disk [--absolute] [--no-wait-for-sync] INSTANCE DISK AMOUNT",
    summary: "Grows one of an instance's disks",
    options: { absolute: { type: "boolean", help: "AMOUNT is the new size, not the growth" }, noWaitForSync: { type: "boolean", help: "Do not wait for DRBD to resync" }, ...JOB_OPTIONS },
    args: { min: 3, max: 3 },
    async run(ctx, [instance, disk, amount], o) {
      if (!/^\d+$/.test(disk!)) throw new UsageError(`Invalid disk index '${disk}'`);
      await submitOrWait(ctx, [{ OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: instance, disk: Number(disk), amount: parseUnit(amount!), absolute: Boolean(o.absolute), wait_for_sync: !o.noWaitForSync }], o);
    },
  },
  {
    name: "rename",
    usage: "rename [--no-name-check] [--no-ip-check] INSTANCE NEW_NAME",
    summary: "Renames an instance",
    options: { noNameCheck: { type: "boolean", help: "Do not check the new name in DNS (the default)" }, noIpCheck: { type: "boolean", help: "Do not check the IP (the default)" }, nameCheck: { type: "boolean", help: "Check that the new name resolves" }, ...JOB_OPTIONS },
    args: { min: 2, max: 2 },
    async run(ctx, [instance, newName], o) {
      await submitOrWait(ctx, [{ OP_ID: "OP_INSTANCE_RENAME", instance_name: instance, new_name: newName, name_check: Boolean(o.nameCheck), ip_check: false }], o);
    },
  },
  {
    name: "reinstall",
    usage: "reinstall [-f] [-o OS] [-O PARAMS] [--no-startup] INSTANCE",
    summary: "Reinstalls an instance's OS (its data is lost)",
    options: { force: OPT.force, osType: { type: "string", short: "o", help: "Install this OS instead", arg: "OS" }, osParameters: { type: "string", short: "O", help: "OS parameters", arg: "PARAMS" }, noStartup: { type: "boolean", help: "Do not start it afterwards" }, ...JOB_OPTIONS },
    args: { min: 1, max: 1 },
    async run(ctx, [instance], o) {
      await confirmOrForce(ctx, o, `This will reinstall the instance ${instance} and remove all data. Continue?`);
      const ops: OpInput[] = [
        { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: instance },
        {
          OP_ID: "OP_INSTANCE_REINSTALL",
          instance_name: instance,
          ...(o.osType ? { os_type: o.osType } : {}),
          ...(o.osParameters ? { osparams: parseKeyValues(String(o.osParameters), "-O") } : {}),
        },
      ];
      if (!o.noStartup) ops.push({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: instance });
      await submitOrWait(ctx, ops, o);
    },
  },
  {
    name: "activate-disks",
    usage: "activate-disks [--ignore-size] [--wait-for-sync] INSTANCE",
    summary: "Activates an instance's disks on its nodes and prints their device paths",
    options: { ignoreSize: { type: "boolean", help: "Ignore recorded sizes" }, waitForSync: { type: "boolean", help: "Wait for DRBD to be in sync" }, ...JOB_OPTIONS },
    args: { min: 1, max: 1 },
    async run(ctx, [instance], o) {
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_INSTANCE_ACTIVATE_DISKS", instance_name: instance, ignore_size: Boolean(o.ignoreSize), wait_for_sync: Boolean(o.waitForSync) }], o);
      for (const [node, iv, path] of (outcome?.results[0] as Array<[string, string, string]> | undefined) ?? []) ctx.out(`${node}:${iv}:${path}`);
    },
  },
  simple(
    "deactivate-disks",
    "Deactivates an instance's disks (it must be stopped)",
    "deactivate-disks [-f] INSTANCE",
    { force: { ...OPT.force, help: "Deactivate even if the instance seems to run" } },
    (instance, o) => ({ OP_ID: "OP_INSTANCE_DEACTIVATE_DISKS", instance_name: instance, force: Boolean(o.force) }),
  ),
  {
    name: "replace-disks",
    usage: "replace-disks (-p | -s | -a | -n NODE | -I hail) [--disks N,...] [--early-release] [--ignore-ipolicy] INSTANCE",
    summary: "Replaces the disks of a DRBD instance on the primary, the secondary or onto a new secondary",
    options: {
      onPrimary: { type: "boolean", short: "p", help: "Replace the disks on the primary node" },
      onSecondary: { type: "boolean", short: "s", help: "Replace the disks on the secondary node" },
      auto: { type: "boolean", short: "a", help: "Replace whichever side is faulty" },
      newSecondary: { type: "string", short: "n", help: "Move the mirror to this node", arg: "NODE" },
      iallocator: { type: "string", short: "I", help: "Choose the new secondary with this allocator", arg: "NAME" },
      disks: { type: "string", help: "Comma-separated disk indexes (default all)", arg: "N,..." },
      earlyRelease: { type: "boolean", help: "Remove the old storage before the resync and release the node locks early" },
      ignoreIpolicy: { type: "boolean", help: "Ignore the new secondary's group instance policy" },
      ...JOB_OPTIONS,
    },
    args: { min: 1, max: 1 },
    async run(ctx, [instance], o) {
      const modes = [o.onPrimary && "replace_on_primary", o.onSecondary && "replace_on_secondary", o.auto && "replace_auto", (o.newSecondary || o.iallocator) && "replace_new_secondary"].filter(Boolean);
      if (modes.length !== 1) throw new UsageError("Choose exactly one of -p, -s, -a, -n NODE or -I hail");
      await submitOrWait(
        ctx,
        [
          {
            OP_ID: "OP_INSTANCE_REPLACE_DISKS",
            instance_name: instance,
            mode: modes[0],
            disks: typeof o.disks === "string" ? o.disks.split(",").map(Number) : [],
            remote_node: (o.newSecondary as string | undefined) ?? null,
            iallocator: (o.iallocator as string | undefined) ?? null,
            early_release: Boolean(o.earlyRelease),
            ignore_ipolicy: Boolean(o.ignoreIpolicy),
          },
        ],
        o,
      );
    },
  },
  {
    name: "console",
    usage: "console [--show-cmd] INSTANCE",
    summary: "Shows how to reach the instance's console",
    options: { showCmd: { type: "boolean", help: "Only show the command" } },
    args: { min: 1, max: 1 },
    async run(ctx, [instance]) {
      const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_INSTANCE_CONSOLE", instance_name: instance }], {});
      const c = outcome!.results[0] as { instance: string; kind: string; message?: string; host?: string; port?: number; display?: number };
      // Ganeti's _DoConsole words.
      if (c.kind === "msg") ctx.out(String(c.message));
      else if (c.kind === "vnc") ctx.out(`Instance ${c.instance} has VNC listening on ${c.host}:${c.port} (display ${c.display}), URL <vnc://${c.host}:${c.port}/>`);
      else if (c.kind === "spice") ctx.out(`Instance ${c.instance} has SPICE listening on ${c.host}:${c.port}`);
      else ctx.out(`Connect to ${c.kind.toUpperCase()} at ${c.host}:${c.port}`);
    },
  },
  ...tagCommands("instance"),
];

export const gntInstance: Program = { name: "gnt-instance", summary: "Instance administration.", commands };

export function instanceModifyOp(instance: string, o: Options): OpInput {
  const changes: Record<string, unknown> = {};
  if (o.backendParameters) changes.beparams = parseKeyValues(String(o.backendParameters), "-B");
  if (o.hypervisorParameters) changes.hvparams = parseKeyValues(String(o.hypervisorParameters), "-H");
  if (o.runtimeMemory) changes.runtime_mem = parseUnit(String(o.runtimeMemory));
  if (o.osParameters) changes.osparams = parseKeyValues(String(o.osParameters), "-O");
  if (o.osType) changes.os_name = o.osType;
  if (o.offline && o.online) throw new UsageError("Give --offline or --online, not both");
  if (o.offline) changes.offline = true;
  if (o.online) changes.offline = false;
  if (Array.isArray(o.disk)) changes.disks = o.disk.map((spec) => modification(spec, "--disk"));
  if (Array.isArray(o.net)) changes.nics = o.net.map((spec) => modification(spec, "--net"));
  if (o.diskTemplate) changes.disk_template = o.diskTemplate;
  if (o.node) changes.remote_node = o.node;
  if (o.newPrimary) changes.pnode = o.newPrimary;
  if (!Object.keys(changes).length) throw new UsageError("Nothing to change: give -B, -H, -m, --disk, --net, -O, -o, --offline or --online");
  return {
    OP_ID: "OP_INSTANCE_SET_PARAMS",
    instance_name: instance,
    force: Boolean(o.force),
    force_variant: Boolean(o.forceVariant),
    ignore_ipolicy: Boolean(o.ignoreIpolicy),
    wait_for_sync: !o.noWaitForSync,
    ...changes,
  };
}

/**
 * Ganeti's --disk/--net syntax: "add:size=1G" → ["add", -1, {size}]; "0:size=20G" → ["modify", 0, {size}];
 * "1:remove" → ["remove", 1, {}]; also "N:add,...", "N:modify,...", "remove" (the last) and a name instead of N.
 */
function modification(spec: string, option: string): [string, number | string, Record<string, unknown>] {
  const [head, params] = parseIndexedParams(spec, option);
  if (option === "--disk" && params.size !== undefined) params.size = parseUnit(String(params.size));
  if (head === "add") return ["add", -1, params];
  if (head === "remove") return ["remove", -1, {}]; // Ganeti's legacy form: the last one
  const ops = (["add", "modify", "remove"] as const).filter((op) => params[op] === true);
  if (ops.length > 1) throw new UsageError(`Invalid ${option} '${spec}': give only one of add, modify and remove`);
  for (const op of ops) delete params[op];
  const op = ops[0] ?? "modify";
  if (op === "remove" && Object.keys(params).length) throw new UsageError(`Invalid ${option} '${spec}': remove takes no settings`);
  return [op, head, params];
}
