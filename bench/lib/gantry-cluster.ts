// A throw-away Gantry cluster for benchmarks: a fresh temp state directory, `gnt-cluster init`'s library call, and a
// real masterd process started the way the CLI starts it (connectMaster), so timings include the socket and daemon.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectMaster } from "../../lib/ganeti/cli/connect";
import { LuxiClient } from "../../lib/ganeti/luxi/client";
import { masterSocketPath } from "../../lib/ganeti/luxi/protocol";
import { initCluster } from "../../lib/ganeti/master/bootstrap";
import { masterdCommand, repoRoot } from "../../lib/ganeti/master/settings";
import { runBatch } from "./luxi-jobs";

export const DOMAIN = "example.org";
export const MASTER_NODE = `node1.${DOMAIN}`;

/** The size of every virtual node, the master's included: 64 GiB, 1 TiB, 16 CPUs. */
const HARDWARE = { memory: 65536, disk: 1048576, cpus: 16 };

export type Memory = { rssMb: number; peakMb: number };

export type BenchCluster = {
  stateDir: string;
  pid: number;
  client: LuxiClient;
  nodes: string[];
  memory(): Memory;
  stop(): Promise<void>;
};

export async function startCluster(options: { nodes: number; cpuProfDir?: string }): Promise<BenchCluster> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-"));
  let pid = 0;
  let client: LuxiClient | null = null;
  const stop = async () => {
    if (client) await stopMaster(client, pid);
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(masterSocketPath(stateDir), { force: true });
  };
  try {
    initCluster({
      stateDir,
      clusterName: `cluster1.${DOMAIN}`,
      masterNode: MASTER_NODE,
      hardware: { memory_total: HARDWARE.memory, memory_dom0: 1024, cpu_total: HARDWARE.cpus, storage_total: HARDWARE.disk, spindles: 1 },
    });
    client = await withCpuProfile(stateDir, options.cpuProfDir);
    pid = await readPid(stateDir);
    const nodes = [MASTER_NODE];
    for (let i = 2; i <= options.nodes; i++) nodes.push(`node${i}.${DOMAIN}`);
    const added = await runBatch(
      client,
      nodes.slice(1).map((node_name) => [{ OP_ID: "OP_NODE_ADD", node_name, virtual_hardware: HARDWARE }]),
    );
    if (added.failed.length) throw new Error(`adding virtual nodes failed: ${JSON.stringify(added.failed[0])}`);
    const connected = client;
    return { stateDir, pid, client: connected, nodes, memory: () => readMemory(pid), stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * With a profile directory, masterd is spawned here with --cpu-prof (Node refuses it in NODE_OPTIONS), on the same
 * command line as lib/ganeti/cli/connect.ts startMasterd; the profile is written when masterd exits.
 */
async function withCpuProfile(stateDir: string, dir: string | undefined): Promise<LuxiClient> {
  if (!dir) return connectMaster(stateDir);
  fs.mkdirSync(dir, { recursive: true });
  const logFd = fs.openSync(path.join(stateDir, "masterd.log"), "a", 0o600);
  const { command, args, env } = masterdCommand(stateDir, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`]);
  spawn(command, args, { cwd: repoRoot(), detached: true, stdio: ["ignore", logFd, logFd], env }).unref();
  fs.closeSync(logFd);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await LuxiClient.connect(masterSocketPath(stateDir));
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`masterd did not start; see ${path.join(stateDir, "masterd.log")}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** masterd writes its pid file once its listeners are up, which can be a moment after the luxi socket answers. */
async function readPid(stateDir: string): Promise<number> {
  const file = path.join(stateDir, "masterd.pid");
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`masterd wrote no ${file}; see ${path.join(stateDir, "masterd.log")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number(fs.readFileSync(file, "utf8").trim());
}

export function readMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** StopMaster (a clean stop, which also lets --cpu-prof write), then SIGTERM, then SIGKILL if it hangs. */
async function stopMaster(client: LuxiClient, pid: number): Promise<void> {
  await client.call("StopMaster").catch(() => undefined);
  client.close();
  if (!pid) return;
  for (const [signal, waitMs] of [[null, 60_000], ["SIGTERM", 10_000], ["SIGKILL", 5_000]] as const) {
    if (signal && alive(pid)) process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!alive(pid)) return;
  }
}
