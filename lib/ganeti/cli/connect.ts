// The CLI's connection to masterd: when no daemon answers but a cluster exists, start one in the background (after
// a crash or a reboot, as Ganeti's init scripts would) and wait for it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../errors";
import { LuxiClient } from "../luxi/client";
import { masterSocketPath } from "../luxi/protocol";
import { masterdCommand, repoRoot } from "../master/settings";
import { masterRunning } from "../master/single-instance";

/** `env`: what a masterd started here reads its settings from (RAPI port, watcher…); this process's by default. */
export async function connectMaster(stateDir: string, options: { autostart?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<LuxiClient> {
  const socket = masterSocketPath(stateDir);
  try {
    return await LuxiClient.connect(socket);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ECONNREFUSED") throw error;
  }
  if (!fs.existsSync(path.join(stateDir, "config.data"))) {
    throw new ConfigurationError(`No cluster in ${stateDir}: run gnt-cluster init first (or set GANTRY_STATE_DIR)`);
  }
  if (options.autostart === false) throw new ConfigurationError(`The master daemon for ${stateDir} is not running`);
  if (!(await masterRunning(stateDir))) startMasterd(stateDir, options.env);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return await LuxiClient.connect(socket);
    } catch (error) {
      if (Date.now() > deadline) {
        throw new ConfigurationError(`The master daemon did not start; see ${path.join(stateDir, "masterd.log")} (${(error as Error).message})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts masterd detached, logging to $STATE/masterd.log. */
export function startMasterd(stateDir: string, baseEnv?: NodeJS.ProcessEnv): void {
  const logFd = fs.openSync(path.join(stateDir, "masterd.log"), "a", 0o600);
  const { command, args, env } = masterdCommand(stateDir, [], baseEnv);
  const child = spawn(command, args, { cwd: repoRoot(), detached: true, stdio: ["ignore", logFd, logFd], env });
  child.unref();
  fs.closeSync(logFd);
}
