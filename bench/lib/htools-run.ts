// Running htools commands for bench/htools.ts: Gantry's bin/ tools and Ganeti's binaries as processes on the same
// text file, each with a time limit, and reading what they report (hbal's scores and moves, hspace's HTS_* keys).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";

// A bench interrupted (Ctrl-C, kill) must not leave a tool computing for an hour: its children die with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

export type RunResult = { ms: number; status: number | null; stdout: string; stderr: string; timedOut: boolean };

/** Runs a command to its end or until `timeoutS` seconds (then SIGKILL), timing the wall clock. */
export function runTimed(cmd: string, args: string[], timeoutS: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutS * 1000);
    child.on("error", (e) => {
      running.delete(child);
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      running.delete(child);
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, status, stdout, stderr, timedOut });
    });
  });
}

export type HbalOutcome = { initial: number; final: number; moves: number };

/** hbal's plain output: "Initial score: X", one line per step ("  N. inst a:b => c:d  score a=…"), the final score. */
export function parseHbal(out: string): HbalOutcome | null {
  const ini = out.match(/^Initial score: (\S+)$/m);
  if (!ini) return null;
  const initial = Number(ini[1]);
  const moves = out.split("\n").filter((l) => /^\s+\d+\.\s+\S+\s+\S+\s+=>\s+\S+\s+\S+\s+a=/.test(l)).length;
  const fin = out.match(/^Cluster score improved from \S+ to (\S+)$/m);
  return { initial, final: fin ? Number(fin[1]) : initial, moves };
}

export type HspaceOutcome = {
  keys: Map<string, string>;
  /** Instances placed by the tiered allocation (TRL_INST_CNT − INI_INST_CNT). */
  tiered: number;
  /** HTS_TSPEC: "mem,dsk,cpu,spn=count …". */
  tspec: string;
  tiers: number;
  /** Instances placed by the standard allocation (HTS_ALLOC_INSTANCES). */
  standard: number;
};

/** hspace --machine-readable: KEY=value lines (values quoted when not plain); HTS_OK=1 last. */
export function parseHspace(out: string): HspaceOutcome | null {
  const keys = new Map<string, string>();
  for (const line of out.split("\n")) {
    const m = line.match(/^(HTS_[A-Z0-9_]+)=(.*)$/);
    if (m) keys.set(m[1]!, m[2]!.replace(/^'(.*)'$/, "$1"));
  }
  if (keys.get("HTS_OK") !== "1") return null;
  const num = (k: string) => Number(keys.get(k) ?? NaN);
  const tspec = keys.get("HTS_TSPEC") ?? "";
  return {
    keys,
    tiered: num("HTS_TRL_INST_CNT") - num("HTS_INI_INST_CNT"),
    tspec,
    tiers: tspec === "" ? 0 : tspec.split(" ").length,
    standard: num("HTS_ALLOC_INSTANCES"),
  };
}

/** "300" → the same for every size; "40=300,200=600" → per size (sizes not named get `fallback`). */
export function sizeMap(spec: string, fallback: number | null): (size: number) => number | null {
  const trimmed = spec.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const v = Number(trimmed);
    return () => v;
  }
  const map = new Map<number, number>();
  for (const part of trimmed.split(",").filter(Boolean)) {
    const [k, v] = part.split("=");
    if (k === undefined || v === undefined || !Number.isFinite(Number(k)) || !Number.isFinite(Number(v))) {
      throw new Error(`expected N or SIZE=N[,SIZE=N…], got '${spec}'`);
    }
    map.set(Number(k), Number(v));
  }
  return (size) => map.get(size) ?? fallback;
}

export const installed = (path: string): boolean => {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** "12.3 s" or "1.2 min" for a duration in ms. */
export const secs = (ms: number): string => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(2)} s`);
