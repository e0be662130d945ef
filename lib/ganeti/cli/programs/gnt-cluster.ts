// gnt-cluster: create, inspect, check and change the cluster.
import fs from "node:fs";
import { OpPrereqError } from "../../errors";
import { initCluster } from "../../master/bootstrap";
import { masterRunning } from "../../master/single-instance";
import { parseUnit } from "../../objects/units";
import type { DiskTemplate, HypervisorName } from "../../objects/types";
import { OPT, UsageError, type Program } from "../command";
import { connectMaster, startMasterd } from "../connect";
import { submitOrWait } from "../jobs";
import { parseKeyValues } from "../values";
import { confirmOrForce, numberOption, tagCommands } from "./shared";
import { formatClusterInfo } from "./cluster-info-format";
import { clusterModifyOps, CLUSTER_MODIFY_OPTIONS } from "./cluster-modify";

export const gntCluster: Program = {
  name: "gnt-cluster",
  summary: "Cluster-wide operations.",
  commands: [
    {
      name: "init",
      usage: "init [--master-node NAME] [--memory SIZE --disk SIZE --cpus N] [--enabled-hypervisors=fake] [--enabled-disk-templates=T,...] CLUSTER_NAME",
      summary: "Initialises a new cluster in GANTRY_STATE_DIR, with a virtual master node, and starts its master daemon",
      options: {
        masterNode: { type: "string", help: "Name of the master node (default: node1.<cluster domain>)", arg: "NAME" },
        masterIp: { type: "string", help: "Primary IP of the master node (default 198.18.0.1)", arg: "IP" },
        memory: { type: "string", help: "Virtual master node memory (default 16G)", arg: "SIZE" },
        disk: { type: "string", help: "Virtual master node disk (default 500G)", arg: "SIZE" },
        cpus: { type: "string", help: "Virtual master node CPUs (default 8)", arg: "N" },
        enabledHypervisors: { type: "string", help: "Comma-separated hypervisors (default fake)", arg: "HV,..." },
        enabledDiskTemplates: { type: "string", help: "Comma-separated disk templates (default drbd,plain,file,sharedfile,diskless)", arg: "T,..." },
        vgName: { type: "string", short: "g", help: "Volume group name (default xenvg)", arg: "VG" },
        fileStorageDir: { type: "string", help: "File storage directory", arg: "DIR" },
        sharedFileStorageDir: { type: "string", help: "Shared file storage directory", arg: "DIR" },
        macPrefix: { type: "string", help: "MAC prefix for instances (default aa:00:00)", arg: "PREFIX" },
        candidatePoolSize: { type: "string", short: "C", help: "Master candidate pool size (default 10)", arg: "N" },
        masterNetdev: { type: "string", help: "Master network device (default br0)", arg: "DEV" },
        nicParameters: { type: "string", short: "N", help: "Default NIC parameters (mode=bridged,link=br0)", arg: "PARAMS" },
        backendParameters: { type: "string", short: "B", help: "Default instance backend parameters", arg: "PARAMS" },
        noStart: { type: "boolean", help: "Do not start the master daemon" },
      },
      args: { min: 1, max: 1 },
      async run(ctx, [name], o) {
        const masterNode = typeof o.masterNode === "string" ? o.masterNode : `node1.${name!.includes(".") ? name!.split(".").slice(1).join(".") : "cluster"}`;
        initCluster({
          stateDir: ctx.stateDir,
          clusterName: name!,
          masterNode,
          masterIp: o.masterIp as string | undefined,
          hardware: {
            memory_total: parseUnit(String(o.memory ?? "16G")),
            memory_dom0: 1024,
            storage_total: parseUnit(String(o.disk ?? "500G")),
            cpu_total: numberOption(o.cpus, "cpus") ?? 8,
            spindles: 1,
          },
          enabledHypervisors: list(o.enabledHypervisors) as HypervisorName[] | undefined,
          enabledDiskTemplates: list(o.enabledDiskTemplates) as DiskTemplate[] | undefined,
          volumeGroup: o.vgName as string | undefined,
          fileStorageDir: o.fileStorageDir as string | undefined,
          sharedFileStorageDir: o.sharedFileStorageDir as string | undefined,
          macPrefix: o.macPrefix as string | undefined,
          candidatePoolSize: numberOption(o.candidatePoolSize, "candidate-pool-size"),
          masterNetdev: o.masterNetdev as string | undefined,
          nicparams: o.nicParameters ? parseKeyValues(String(o.nicParameters), "-N") : undefined,
          beparams: o.backendParameters ? parseKeyValues(String(o.backendParameters), "-B") : undefined,
        });
        ctx.out(`Cluster ${name} initialised in ${ctx.stateDir}; master node ${masterNode} (virtual)`);
        if (!o.noStart) {
          startMasterd(ctx.stateDir);
          (await connectMaster(ctx.stateDir)).close();
        }
      },
    },
    {
      name: "info",
      usage: "info [--roman]",
      summary: "Shows the cluster's configuration",
      options: { roman: { type: "boolean", help: "Ignored (Ganeti compatibility)" } },
      async run(ctx) {
        const info = await (await ctx.client()).call<Record<string, unknown>>("QueryClusterInfo");
        ctx.out(formatClusterInfo(info));
      },
    },
    {
      name: "getmaster",
      usage: "getmaster",
      summary: "Shows the master node's name",
      async run(ctx) {
        const [master] = await (await ctx.client()).call<string[]>("QueryConfigValues", ["master_node"]);
        ctx.out(String(master));
      },
    },
    {
      name: "version",
      usage: "version",
      summary: "Shows the software versions",
      async run(ctx) {
        const info = await (await ctx.client()).call<Record<string, unknown>>("QueryClusterInfo");
        ctx.out(`Software version: ${info.software_version}`);
        ctx.out(`Internode protocol: ${info.protocol_version}`);
        ctx.out(`Configuration format: ${info.config_version}`);
        ctx.out(`OS api version: ${info.os_api_version}`);
        ctx.out(`Export interface: ${info.export_version}`);
      },
    },
    {
      name: "verify",
      usage: "verify [--error-codes] [--ignore-errors=CODE,...] [--no-nplus1-mem] [-v] [--node-group=GROUP]",
      summary: "Checks the configuration, the nodes and the instances; exit status 1 when there are errors",
      options: {
        errorCodes: { type: "boolean", help: "Print error codes" },
        ignoreErrors: { type: "string", help: "Error codes to report as warnings, e.g. ENODEN1,EINSTANCEPOLICY", arg: "CODES" },
        noNplus1Mem: { type: "boolean", help: "Skip the N+1 memory redundancy check" },
        debugSimulateErrors: { type: "boolean", help: "Report every check as failed (to test scripts that parse the output)" },
        nodeGroup: { type: "string", help: "Verify only this node group (and not the configuration)", arg: "GROUP" },
        verbose: OPT.verbose,
        submit: OPT.submit,
        priority: OPT.priority,
      },
      async run(ctx, _args, o) {
        await (await ctx.client()).call("Ping", "flush");
        const op = {
          OP_ID: "OP_CLUSTER_VERIFY",
          error_codes: Boolean(o.errorCodes),
          ignore_errors: list(o.ignoreErrors) ?? [],
          skip_checks: o.noNplus1Mem ? ["nplusone_mem"] : [],
          debug_simulate_errors: Boolean(o.debugSimulateErrors),
          verbose: Boolean(o.verbose),
          group_name: (o.nodeGroup as string | undefined) ?? null,
        };
        const outcome = await submitOrWait(ctx, [op], o);
        return outcome && outcome.results[0] === true ? 0 : outcome ? 1 : 0;
      },
    },
    {
      name: "search-tags",
      usage: "search-tags PATTERN",
      summary: "Lists the tags matching a regular expression, on every object",
      args: { min: 1, max: 1 },
      async run(ctx, [pattern]) {
        const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_TAGS_SEARCH", pattern }], {});
        const found = (outcome?.results[0] ?? []) as Array<[string, string]>;
        for (const [path, tag] of found) ctx.out(`${path} ${tag}`);
        return found.length ? 0 : 1;
      },
    },
    {
      name: "redist-conf",
      usage: "redist-conf [--submit]",
      summary: "Copies the configuration to every master candidate now",
      options: { submit: OPT.submit, priority: OPT.priority },
      async run(ctx, _args, o) {
        await submitOrWait(ctx, [{ OP_ID: "OP_CLUSTER_REDIST_CONF" }], o);
      },
    },
    {
      name: "modify",
      usage: "modify [options...]",
      summary: "Changes cluster parameters",
      options: { ...CLUSTER_MODIFY_OPTIONS, submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority },
      async run(ctx, _args, o) {
        await submitOrWait(ctx, clusterModifyOps(o), o);
      },
    },
    {
      name: "master-failover",
      usage: "master-failover --target NODE",
      summary: "Moves the master role to another master candidate (the master daemon stays on this host)",
      options: { target: { type: "string", help: "The node that becomes master", arg: "NODE" }, noVoting: { type: "boolean", help: "Ignored (Ganeti compatibility)" } },
      async run(ctx, _args, o) {
        if (!o.target) throw new UsageError("master-failover needs --target NODE: the virtual cluster's master daemon runs here, the master role moves");
        await submitOrWait(ctx, [{ OP_ID: "OP_CLUSTER_MASTER_FAILOVER", target_node: o.target }], o);
      },
    },
    {
      name: "destroy",
      usage: "destroy --yes-do-it",
      summary: "Destroys the cluster: stops its master daemon and deletes its state (only the master node may be left)",
      options: { yesDoIt: { type: "boolean", help: "Required, to confirm" } },
      async run(ctx, _args, o) {
        if (!o.yesDoIt) throw new UsageError("Destroying a cluster is irreversible; add --yes-do-it to confirm");
        await submitOrWait(ctx, [{ OP_ID: "OP_CLUSTER_DESTROY" }], {});
        await (await ctx.client()).call("StopMaster");
        for (let i = 0; i < 100 && (await masterRunning(ctx.stateDir)); i++) await new Promise((r) => setTimeout(r, 100));
        fs.rmSync(ctx.stateDir, { recursive: true, force: true });
        ctx.out(`Cluster destroyed; removed ${ctx.stateDir}`);
      },
    },
    {
      name: "stop-master",
      usage: "stop-master",
      summary: "Stops the master daemon (running jobs finish first); any gnt-* command starts it again",
      async run(ctx) {
        if (!(await masterRunning(ctx.stateDir))) {
          ctx.out("The master daemon is not running");
          return;
        }
        await (await connectMaster(ctx.stateDir, { autostart: false })).call("StopMaster");
        for (let i = 0; i < 600 && (await masterRunning(ctx.stateDir)); i++) await new Promise((r) => setTimeout(r, 100));
        ctx.out("Master daemon stopped");
      },
    },
    {
      name: "watcher",
      usage: "watcher {pause DURATION|continue|info|run}",
      summary: "Pauses, resumes, shows or runs (Gantry) the watcher",
      args: { min: 1, max: 2 },
      async run(ctx, [action, duration]) {
        const client = await ctx.client();
        if (action === "pause") {
          const seconds = parseDuration(duration);
          await client.call("SetWatcherPause", Date.now() / 1000 + seconds);
          ctx.out(`The watcher is paused until ${new Date(Date.now() + seconds * 1000).toISOString()}`);
        } else if (action === "continue") {
          await client.call("SetWatcherPause", null);
          ctx.out("The watcher is no longer paused");
        } else if (action === "info") {
          const info = await client.call<{ paused_until: number | null; recent: Array<{ time: number; message: string }> }>("Ping", "watcher-info");
          ctx.out(info.paused_until ? `The watcher is paused until ${new Date(info.paused_until * 1000).toISOString()}` : "The watcher is not paused");
          for (const a of info.recent) ctx.out(`${new Date(a.time * 1000).toISOString()} ${a.message}`);
        } else if (action === "run") {
          const actions = await client.call<Array<{ message: string; job?: number }>>("Ping", "watcher");
          if (!actions.length) ctx.out("The watcher found nothing to do");
          for (const a of actions) ctx.out(`${a.message}${a.job ? ` (job ${a.job})` : ""}`);
        } else throw new UsageError(`Unknown watcher action '${action}': use pause, continue, info or run`);
      },
    },
    ...tagCommands("cluster"),
  ],
};

const list = (value: unknown) => (typeof value === "string" && value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined);

function parseDuration(text: string | undefined): number {
  const match = /^(\d+)([smhdw]?)$/.exec(text ?? "");
  if (!match) throw new OpPrereqError(`Invalid duration '${text ?? ""}': use e.g. 30m, 2h, 1d`, "wrong_input");
  const factor = { "": 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[match[2] as "" | "s" | "m" | "h" | "d" | "w"];
  return Number(match[1]) * factor;
}

export { confirmOrForce };
