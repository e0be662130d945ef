// Test support: the processes (QEMUs) whose command line mentions something, e.g. a guest's UUID or a test's
// temporary directory — to see a guest move between nodes, and to kill what a failed test left running.
import fs from "node:fs";

export function qemuProcessesMentioning(needle: string): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}
