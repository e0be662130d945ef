// CPU time (user + system) of processes, read from /proc: of one process, or of a whole process group (a server and
// the children it spawned or forked: tsx's node, websockify's one process per connection). Sampled before and after a
// measurement, it says where the machine's cores went.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Seconds of CPU `pid` has used, 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  const stat = readStat(pid);
  return stat ? stat.cpuSeconds : 0;
}

/** Seconds of CPU used by the live processes of group `pgid` (children already reaped are not counted). */
export function groupCpuSeconds(pgid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.pgrp === pgid) total += stat.cpuSeconds;
  }
  return total;
}

function readStat(pid: number): { pgrp: number; cpuSeconds: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
  return { pgrp: Number(fields[2]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}
