// The process side of the kvm hypervisor on one node: the QEMU processes of the instances it runs, each started paused,
// given its VNC password over QMP, then continued. Shutdown is ACPI first (the guest's chance to stop cleanly), QMP
// `quit` when the timeout passes, SIGKILL when QEMU does not answer. Every way out removes the instance's runtime files.
import { HypervisorError } from "../../errors";
import { kvmCommand, kvmHvparams, type KvmInstanceFacts } from "./kvm-command";
import { QemuProcess, kvmUsable } from "./qemu-process";
import type { QmpClient } from "./qmp-client";

export type KvmRuntimeOptions = {
  runtimeDir: string;
  /** Default: whether /dev/kvm can be opened now. */
  kvmUsable?: boolean;
};

export type KvmStartOptions = {
  /** The instance's VNC password (VNC authentication uses its first 8 bytes). */
  vncPassword: string;
};

/** running/paused/shutdown as QEMU reports them; stopped when no QEMU runs for the instance. */
export type KvmStatus =
  | { state: "running" | "paused" | "shutdown"; qemuStatus: string; pid: number; alive: true; accel: "kvm" | "tcg" }
  | { state: "stopped"; alive: false };

type Running = { facts: KvmInstanceFacts; options: KvmStartOptions; process: QemuProcess; qmp: QmpClient };

/** After `quit`, how long QEMU may take to exit before SIGKILL. */
const QUIT_GRACE_MS = 5_000;

export class KvmRuntime {
  readonly runtimeDir: string;
  readonly kvmUsable: boolean;
  private readonly running = new Map<string, Running>();

  constructor(options: KvmRuntimeOptions) {
    this.runtimeDir = options.runtimeDir;
    this.kvmUsable = options.kvmUsable ?? kvmUsable();
  }

  /** Starts the instance and lets it run; resolves once the guest runs. */
  async start(facts: KvmInstanceFacts, options: KvmStartOptions): Promise<{ pid: number }> {
    const running = await this.launch(facts, options);
    await running.qmp.execute("cont");
    return { pid: running.process.pid };
  }

  /**
   * Migration target: the same command line plus `-incoming`, listening on host:port for the source's state. It stays
   * paused until `finishIncoming`.
   */
  async acceptIncoming(facts: KvmInstanceFacts, options: KvmStartOptions & { host: string; port: number }): Promise<{ pid: number }> {
    const running = await this.launch(facts, options, { host: options.host, port: options.port });
    return { pid: running.process.pid };
  }

  /**
   * Takes over the QEMU an earlier runtime (a node daemon before its restart) started for these facts, found by its
   * pidfile, without touching the guest. False when it is not running.
   */
  async adopt(facts: KvmInstanceFacts, options: KvmStartOptions): Promise<boolean> {
    const command = kvmCommand(facts, { runtimeDir: this.runtimeDir, kvmUsable: this.kvmUsable });
    const found = await QemuProcess.adopt(command, facts.name);
    if (!found) return false;
    this.track({ facts, options, ...found });
    return true;
  }

  async status(name: string): Promise<KvmStatus> {
    const running = this.running.get(name);
    if (!running || !running.process.alive) return { state: "stopped", alive: false };
    const { status } = await running.qmp.execute<{ status: string; running: boolean }>("query-status");
    const state = status === "running" ? "running" : status === "shutdown" ? "shutdown" : "paused";
    return { state, qemuStatus: status, pid: running.process.pid, alive: true, accel: running.process.command.accel };
  }

  /** Ganeti's shutdown: ACPI power button, up to `timeoutSeconds` for the guest to power off, then a hard stop. */
  async shutdown(name: string, timeoutSeconds: number): Promise<void> {
    const running = this.running.get(name);
    if (!running) return; // not running here: already shut down, as Ganeti treats it
    if (timeoutSeconds > 0 && running.process.alive) {
      await running.qmp.execute("system_powerdown").catch(() => undefined);
      if (await running.process.waitExit(timeoutSeconds * 1000)) return this.forget(name, running);
    }
    await this.stop(name, { force: false });
  }

  /** Hard stop: QMP `quit` (QEMU closes its files), or with `force` SIGKILL straight away; SIGKILL after a grace period. */
  async stop(name: string, { force }: { force: boolean }): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    if (!force && running.process.alive) {
      await running.qmp.execute("quit").catch(() => undefined);
      await running.process.waitExit(QUIT_GRACE_MS);
    }
    await running.process.kill();
    await this.forget(name, running);
  }

  /** hard: a reset of the virtual machine in the same QEMU; soft: shutdown with the timeout, then a new start. */
  async reboot(name: string, type: "soft" | "hard", timeoutSeconds: number): Promise<void> {
    const running = this.running.get(name);
    if (!running?.process.alive) throw new HypervisorError(`Cannot reboot ${name}: it is not running on this node`);
    if (type === "hard") {
      await running.qmp.execute("system_reset");
      return;
    }
    await this.shutdown(name, timeoutSeconds);
    await this.start(running.facts, running.options);
  }

  /** What migration needs of a running instance: its QMP, process and migration hvparams. */
  migrationSource(name: string): { qmp: QmpClient; process: QemuProcess; bandwidthMiB: number; downtimeMs: number } {
    const running = this.running.get(name);
    if (!running?.process.alive) throw new HypervisorError(`Cannot migrate ${name}: it is not running on this node`);
    const hv = kvmHvparams(running.facts.hvparams);
    return { qmp: running.qmp, process: running.process, bandwidthMiB: Number(hv.migration_bandwidth), downtimeMs: Number(hv.migration_downtime) };
  }

  /** The source after a completed migration: QEMU has handed the guest over, so it quits. */
  async releaseMigrated(name: string): Promise<void> {
    await this.stop(name, { force: false });
  }

  /** Target side once the source reports the migration completed: the guest continues here (or, failed, is stopped). */
  async finishIncoming(name: string, success: boolean, timeoutMs = 30_000): Promise<void> {
    const running = this.running.get(name);
    if (!running?.process.alive) throw new HypervisorError(`No incoming migration of ${name} on this node`);
    if (!success) return this.stop(name, { force: true });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status } = await running.qmp.execute<{ status: string }>("query-status");
      if (status !== "inmigrate") break;
      if (Date.now() > deadline) throw new HypervisorError(`${name} is still receiving its migration after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await running.qmp.execute("cont");
  }

  /** The instance's QMP connection, e.g. to follow its events (SHUTDOWN, RESET, STOP, RESUME, MIGRATION). */
  qmp(name: string): QmpClient {
    const running = this.running.get(name);
    if (!running?.process.alive) throw new HypervisorError(`Instance ${name} is not running on this node`);
    return running.qmp;
  }

  /** Every instance QEMU runs for here (not yet reaped), by name. */
  names(): string[] {
    return [...this.running.keys()];
  }

  private async launch(facts: KvmInstanceFacts, options: KvmStartOptions, incoming?: { host: string; port: number }): Promise<Running> {
    const current = this.running.get(facts.name);
    if (current?.process.alive) throw new HypervisorError(`Instance ${facts.name} is already running on this node (QEMU PID ${current.process.pid})`);
    if (!options.vncPassword) throw new HypervisorError(`Instance ${facts.name} needs a VNC password to start`);
    const command = kvmCommand(facts, { runtimeDir: this.runtimeDir, kvmUsable: this.kvmUsable }, { incoming });
    const { process, qmp } = await QemuProcess.launch(command, facts.name);
    const running = this.track({ facts, options, process, qmp });
    try {
      if (command.vnc) await qmp.execute("set_password", { protocol: "vnc", password: options.vncPassword });
    } catch (error) {
      await this.stop(facts.name, { force: true });
      throw error;
    }
    return running;
  }

  private track(running: Running): Running {
    const { name } = running.facts;
    this.running.set(name, running);
    // A guest that powers itself off ends its QEMU: the runtime forgets it and removes its files.
    void running.process.exited.then(async () => {
      if (this.running.get(name) === running) await this.forget(name, running);
    });
    return running;
  }

  private async forget(name: string, running: Running): Promise<void> {
    if (this.running.get(name) === running) this.running.delete(name);
    running.qmp.close();
    if (running.process.alive) throw new HypervisorError(`QEMU of ${name} still runs (PID ${running.process.pid})`);
    await running.process.cleanup();
  }
}
