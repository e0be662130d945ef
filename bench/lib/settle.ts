// Waiting for a process to go quiet before timing it (a burst of jobs leaves distribution and garbage behind).
import fs from "node:fs";

/** Waits until a process used under 5 % of a core for a whole second (at most `maxMs`). */
export async function settle(pid: number, maxMs: number): Promise<{ idle: boolean; waitedMs: number }> {
  const cpuMs = () => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  };
  const start = performance.now();
  while (performance.now() - start < maxMs) {
    const before = cpuMs();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (cpuMs() - before < 50) return { idle: true, waitedMs: performance.now() - start };
  }
  return { idle: false, waitedMs: performance.now() - start };
}
