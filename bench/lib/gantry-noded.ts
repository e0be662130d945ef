// Real node daemons for a bench: workers/noded processes on this machine, each on its own loopback address (so their
// VNC and migration ports do not collide) with its own state directory, presenting the cluster certificate.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../lib/ganeti/master/settings";

export type BenchNoded = {
  name: string;
  ip: string;
  port: number;
  /** How its QEMUs run, as noded says when it starts: KVM, or TCG when /dev/kvm is not usable. */
  accel: string;
  stateDir: string;
  /** PIDs of the QEMU processes this noded started for `instance` (matched on its runtime directory and -name). */
  qemuPids(instance: string): number[];
  stop(): Promise<void>;
};

const START_TIMEOUT_MS = 30_000;

export type NodedOptions = { name: string; ip: string; stateDir: string; certFile: string; sharedFileStorageDir: string };

/** Starts one noded on a free port of `ip` and resolves once it listens. */
export async function startNoded(options: NodedOptions): Promise<BenchNoded> {
  const args = ["--import", "tsx", "workers/noded.ts", "--state-dir", options.stateDir, "--bind", options.ip, "--port", "0",
    "--cert", options.certFile, "--name", options.name, "--shared-file-storage-dir", options.sharedFileStorageDir];
  const child = spawn(process.execPath, args, { cwd: repoRoot(), stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`noded ${options.name} did not listen within ${START_TIMEOUT_MS / 1000} s: ${output.join("").trim()}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const listening = /listening on https:\/\/\S+:(\d+)/.exec(output.join(""));
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`noded ${options.name} exited (${code}): ${output.join("").trim()}`));
    });
  });
  // noded's start-up lines name the accelerator its QEMUs get.
  const accel = /\b(KVM|TCG)\b/.exec(output.join(""))?.[1] ?? "accelerator not reported";
  const runtimeDir = path.join(options.stateDir, "runtime");
  return {
    name: options.name,
    ip: options.ip,
    port,
    accel,
    stateDir: options.stateDir,
    qemuPids: (instance) => processesWith([runtimeDir, `-name\0${instance}\0`]),
    stop: () => stopProcess(child),
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** PIDs of processes whose command line (NUL-separated arguments) contains every one of `needles`. */
export function processesWith(needles: string[]): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = `${fs.readFileSync(`/proc/${entry}/cmdline`, "utf8")}\0`;
    } catch {
      continue; // gone meanwhile
    }
    if (needles.every((needle) => cmdline.includes(needle))) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Guests outlive their noded by design (a restarted noded adopts them): after a failed run, the QEMUs started under
 * `baseDir` are killed here so none is left behind. Returns how many there were.
 */
export function killGuestsUnder(baseDir: string): number {
  const pids = processesWith([baseDir]).filter((pid) => pid !== process.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids.length;
}
