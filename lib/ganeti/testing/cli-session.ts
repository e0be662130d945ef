// Test support: runs the real gnt-* commands (bin/) as separate processes against a fresh state directory, with a
// real masterd in the background, the way an operator's shell session does.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../master/settings";

const run = promisify(execFile);

export type CliResult = { code: number; stdout: string; stderr: string };

export type CliSession = {
  stateDir: string;
  /** Runs bin/<program> with the arguments; never throws on a non-zero exit. */
  gnt(program: string, ...args: string[]): Promise<CliResult>;
  /** Like gnt, but throws with the output unless the command succeeds. */
  ok(program: string, ...args: string[]): Promise<string>;
  masterdPid(): number | null;
  close(): Promise<void>;
};

export function cliSession(env: Record<string, string> = {}): CliSession {
  const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gantry-cli-")), "cluster");
  const fullEnv = {
    ...process.env,
    GANTRY_STATE_DIR: stateDir,
    GANTRY_WATCHER_INTERVAL: "0",
    GANTRY_VIRTUAL_POWERCYCLE_SECONDS: "1",
    NODE_NO_WARNINGS: "1",
    // No RAPI listener unless a test asks for one: sessions would contend for port 5080.
    GANTRY_RAPI_PORT: "0",
    ...env,
  };
  const session: CliSession = {
    stateDir,
    async gnt(program, ...args) {
      try {
        const { stdout, stderr } = await run(path.join(repoRoot(), "bin", program), args, { env: fullEnv, timeout: 120_000 });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
      }
    },
    async ok(program, ...args) {
      const result = await session.gnt(program, ...args);
      if (result.code !== 0) throw new Error(`${program} ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    },
    masterdPid() {
      try {
        return Number(fs.readFileSync(path.join(stateDir, "masterd.pid"), "utf8").trim()) || null;
      } catch {
        return null;
      }
    },
    async close() {
      await session.gnt("gnt-cluster", "stop-master");
      const pid = session.masterdPid();
      if (pid) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
      fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
    },
  };
  return session;
}

/** The rows of a `list --no-headers --separator=|` output. */
export const rows = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((line) => line.split("|"));
