// Ganeti's upstream htools fixtures (copied into ganeti-fixtures/) and its binaries, for golden tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { LoadedCluster, LoadOptions } from "../loader";
import { finalizeCluster } from "../loader";
import { parseTextData } from "../backends/text";

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "ganeti-fixtures/data");
export const SHELLTESTS_DIR = path.resolve(import.meta.dirname, "ganeti-fixtures/shelltests");

export const fixturePath = (name: string) => path.join(FIXTURES_DIR, name);
export const readFixture = (name: string) => fs.readFileSync(fixturePath(name), "utf8");
export const loadFixture = (name: string, options?: LoadOptions): LoadedCluster => finalizeCluster(parseTextData(readFixture(name)), options);

/** Path of one of Ganeti's own htools binaries when installed here, else null (comparisons are then skipped). */
export function ganetiTool(name: "hbal" | "hspace" | "hail"): string | null {
  const candidates = name === "hail" ? ["/usr/lib/ganeti/iallocators/hail"] : [`/usr/bin/${name}`];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** Runs a Ganeti binary and returns stdout, stderr and the exit status (never throws on a non-zero exit). */
export function runGanetiTool(tool: string, args: string[]): { stdout: string; stderr: string; status: number } {
  try {
    const stdout = execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { stdout, stderr: "", status: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", status: e.status ?? 1 };
  }
}
