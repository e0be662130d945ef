// The watcher (Ganeti's ganeti-watcher), run by masterd every interval: restarts instances that should run but do
// not (ERROR_down), re-activates the disks of instances whose node rebooted, archives old jobs, and records what it
// did in $STATE/watcher.log. Pausable (gnt-cluster watcher pause/continue); state kept in $STATE/watcher.data.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../config/atomic-write";
import type { ConfigStore } from "../config/config-store";
import type { JobQueue } from "../jobs/job-queue";
import { instanceStatus, type LiveData } from "../opcodes/instance/status";
import type { NodeRpcRunner } from "../rpc/rpc-runner";

export const MAX_RESTART_ATTEMPTS = 5;
const JOB_ARCHIVE_AGE_SECONDS = 6 * 3600;

type WatcherData = { bootids: Record<string, string>; restarts: Record<string, number>; pausedUntil: number | null };
export type WatcherAction = { time: number; message: string; job?: number };

export class Watcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<WatcherAction[]> | null = null;
  private data: WatcherData;
  readonly recent: WatcherAction[] = [];

  constructor(
    private readonly stateDir: string,
    private readonly env: { config: ConfigStore; rpc: NodeRpcRunner; queue: JobQueue },
    private readonly intervalMs: number,
  ) {
    this.data = this.load();
  }

  start(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.runOnce().catch((e) => console.error("watcher:", e)), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  pause(until: number | null): void {
    this.data.pausedUntil = until;
    void this.save();
  }

  pausedUntil(): number | null {
    const until = this.data.pausedUntil;
    return until && until > Date.now() / 1000 ? until : null;
  }

  /** One pass; concurrent calls share the pass in progress. Returns what it did. */
  runOnce(): Promise<WatcherAction[]> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<WatcherAction[]> {
    const actions: WatcherAction[] = [];
    const note = (message: string, job?: number) => {
      const action = { time: Date.now() / 1000, message, job };
      actions.push(action);
      this.recent.push(action);
      if (this.recent.length > 200) this.recent.shift();
      fs.appendFileSync(path.join(this.stateDir, "watcher.log"), `${new Date().toISOString()} ${message}${job ? ` (job ${job})` : ""}\n`);
    };
    if (this.pausedUntil()) return actions;
    const { config, rpc, queue } = this.env;

    const live: LiveData = { reachable: new Map(), offline: new Set(config.nodes().filter((n) => n.offline).map((n) => n.uuid)) };
    const rebooted = new Set<string>();
    const online = config.nodes().filter((n) => !n.offline).map((n) => n.uuid);
    const [infos, runs] = await Promise.all([rpc.each(online, (r) => r.nodeInfo()), rpc.each(online, (r) => r.allInstancesInfo())]);
    for (const [uuid, result] of runs) if (result.ok) live.reachable.set(uuid, new Set(result.value.map((i) => i.name)));
    for (const [uuid, result] of infos) {
      if (!result.ok) continue;
      const previous = this.data.bootids[uuid];
      if (previous && previous !== result.value.bootid) rebooted.add(uuid);
      this.data.bootids[uuid] = result.value.bootid;
    }

    for (const uuid of rebooted) {
      const node = config.node(uuid)!;
      note(`Node ${node.name} was rebooted`);
      for (const instance of config.instances()) {
        if (instance.admin_state !== "up" || !config.secondaryNodes(instance).includes(uuid)) continue;
        if (!live.reachable.has(instance.primary_node)) continue;
        const job = await queue.submit([{ OP_ID: "OP_INSTANCE_ACTIVATE_DISKS", instance_name: instance.name }], "watcher");
        note(`Activating disks for instance ${instance.name}`, job);
      }
    }

    for (const instance of config.instances().sort((a, b) => a.name.localeCompare(b.name))) {
      const status = instanceStatus(instance, live);
      if (status === "running") {
        delete this.data.restarts[instance.name];
        continue;
      }
      if (status === "ERROR_nodeoffline") {
        if (instance.admin_state === "up") note(`Instance ${instance.name}: primary node ${config.node(instance.primary_node)!.name} is offline, not restarting (fail it over with gnt-instance failover)`);
        continue;
      }
      if (status !== "ERROR_down") continue;
      const attempts = this.data.restarts[instance.name] ?? 0;
      if (attempts >= MAX_RESTART_ATTEMPTS) {
        if (attempts === MAX_RESTART_ATTEMPTS) note(`Could not restart ${instance.name} after ${attempts} attempts, giving up`);
        this.data.restarts[instance.name] = attempts + 1;
        continue;
      }
      this.data.restarts[instance.name] = attempts + 1;
      const job = await queue.submit([{ OP_ID: "OP_INSTANCE_STARTUP", instance_name: instance.name }], "watcher");
      note(`Restarting instance ${instance.name} (attempt #${attempts + 1})`, job);
    }

    const archived = await queue.archiveOlderThan(JOB_ARCHIVE_AGE_SECONDS);
    if (archived) note(`Archived ${archived} jobs`);
    await this.save();
    return actions;
  }

  private load(): WatcherData {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.stateDir, "watcher.data"), "utf8")) as WatcherData;
    } catch {
      return { bootids: {}, restarts: {}, pausedUntil: null };
    }
  }

  private save(): Promise<void> {
    return writeFileAtomic(path.join(this.stateDir, "watcher.data"), JSON.stringify(this.data));
  }
}
