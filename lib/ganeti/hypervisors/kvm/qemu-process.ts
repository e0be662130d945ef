// One QEMU process: spawned from a KvmCommand, reached over QMP, ended and cleaned up. QEMU runs without -daemonize
// so the PID spawn returns is QEMU's own and its exit (code, signal, last words on stderr) is seen directly; it is
// spawned detached in its own process group and unref'd, so it outlives the process that started it (a restarted node
// daemon finds it again by its pidfile and QMP socket). Its stdout/stderr go to NAME.log beside the socket, read back
// when it fails to start.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { HypervisorError } from "../../errors";
import type { KvmCommand } from "./kvm-command";
import { QmpClient } from "./qmp-client";

export type QemuExit = { code: number | null; signal: NodeJS.Signals | null };

const QMP_READY_MS = 30_000;
const LOG_TAIL_BYTES = 2_000;
/** How often an adopted QEMU (not our child: no exit event) is checked for being gone. */
const ADOPTED_POLL_MS = 200;

/** Whether this process may open /dev/kvm for reading and writing (what QEMU's accel=kvm needs). */
export function kvmUsable(device = "/dev/kvm"): boolean {
  try {
    fs.closeSync(fs.openSync(device, "r+"));
    return true;
  } catch {
    return false;
  }
}

export class QemuProcess {
  readonly exited: Promise<QemuExit>;
  private exit: QemuExit | null = null;

  private constructor(
    readonly command: KvmCommand,
    readonly logFile: string,
    readonly pid: number,
    exited: Promise<QemuExit>,
  ) {
    this.exited = exited.then((exit) => (this.exit = exit));
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /**
   * A QEMU started by an earlier node daemon, found by its pidfile: only when that PID is alive and its command line
   * names this instance's QMP socket (a recycled PID is not mistaken for it). Its exit is noticed by polling; null
   * when it is not running.
   */
  static async adopt(command: KvmCommand, name: string): Promise<{ process: QemuProcess; qmp: QmpClient } | null> {
    const pid = Number((await fsp.readFile(command.pidfile, "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
    const cmdline = await fsp.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (!cmdline.includes(command.qmpSocket)) return null;
    const exited = new Promise<QemuExit>((resolve) => {
      const timer = setInterval(() => {
        if (processAlive(pid)) return;
        clearInterval(timer);
        resolve({ code: null, signal: null });
      }, ADOPTED_POLL_MS);
      timer.unref();
    });
    const qemu = new QemuProcess(command, path.join(path.dirname(command.qmpSocket), `${name}.log`), pid, exited);
    try {
      return { process: qemu, qmp: await qemu.connectQmp() };
    } catch (error) {
      throw new HypervisorError(`QEMU of ${name} (PID ${pid}) runs but its QMP socket does not answer: ${(error as Error).message}`);
    }
  }

  /** Spawns QEMU and resolves once its QMP socket answers; a QEMU that exits first rejects with what it printed. */
  static async launch(command: KvmCommand, name: string): Promise<{ process: QemuProcess; qmp: QmpClient }> {
    await removeStaleFiles(command, name);
    const logFile = path.join(path.dirname(command.qmpSocket), `${name}.log`);
    const log = fs.openSync(logFile, "w", 0o600);
    let child: ChildProcess;
    try {
      child = spawn(command.binary, command.argv, { detached: true, stdio: ["ignore", log, log] });
    } finally {
      fs.closeSync(log);
    }
    const spawned = await new Promise<Error | null>((resolve) => {
      child.once("spawn", () => resolve(null));
      child.once("error", resolve);
    });
    if (spawned) {
      await fsp.rm(logFile, { force: true });
      throw new HypervisorError(`Cannot run ${command.binary}: ${spawned.message}`);
    }
    child.unref();
    const exited = new Promise<QemuExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const qemu = new QemuProcess(command, logFile, child.pid!, exited);
    try {
      return { process: qemu, qmp: await qemu.connectQmp() };
    } catch (error) {
      const why = await qemu.logTail();
      await qemu.kill();
      await qemu.cleanup();
      throw new HypervisorError(`QEMU for ${name} did not start: ${why || (error as Error).message}`);
    }
  }

  /** Waits for the exit up to `ms`; true when QEMU is gone. */
  async waitExit(ms: number): Promise<boolean> {
    if (!this.alive) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const gone = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return gone;
  }

  /** SIGKILL, then waits for the exit. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    try {
      process.kill(this.pid, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
    await this.exited;
  }

  /** Removes the runtime files: QMP and serial sockets, pidfile, log. Only once QEMU is gone. */
  async cleanup(): Promise<void> {
    const { qmpSocket, serialSocket, pidfile } = this.command;
    await Promise.all([qmpSocket, serialSocket, pidfile, this.logFile].map((file) => file && fsp.rm(file, { force: true })));
  }

  async logTail(): Promise<string> {
    try {
      const text = await fsp.readFile(this.logFile, "utf8");
      return text.slice(-LOG_TAIL_BYTES).trim();
    } catch {
      return "";
    }
  }

  private async connectQmp(): Promise<QmpClient> {
    const deadline = Date.now() + QMP_READY_MS;
    for (;;) {
      if (!this.alive) throw new HypervisorError(`QEMU exited (${describeExit(this.exit!)}) before its QMP socket answered`);
      if (fs.existsSync(this.command.qmpSocket)) {
        try {
          return await QmpClient.connect(this.command.qmpSocket);
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
      if (Date.now() > deadline) throw new HypervisorError(`QEMU's QMP socket ${this.command.qmpSocket} did not answer within ${QMP_READY_MS / 1000} s`);
      await sleep(20);
    }
  }
}

export function describeExit(exit: QemuExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/** Files left by a QEMU that died without cleaning up; a QEMU still alive behind its pidfile is refused. */
async function removeStaleFiles(command: KvmCommand, name: string): Promise<void> {
  const pid = Number((await fsp.readFile(command.pidfile, "utf8").catch(() => "")).trim());
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new HypervisorError(`Instance ${name} already runs here: QEMU PID ${pid} holds ${command.pidfile}`);
  }
  await Promise.all([command.qmpSocket, command.serialSocket, command.pidfile].map((file) => file && fsp.rm(file, { force: true })));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
