// CPU time of processes, read from /proc, split into user and kernel (system) time: of one process, or of a whole
// process group (a server and the children it spawned or forked: tsx's node, websockify's one process per
// connection). Sampled before and after a measurement, it says where the machine's cores went.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

export type CpuTime = { user: number; system: number };

export const NO_CPU: CpuTime = { user: 0, system: 0 };

/** Seconds of CPU `pid` has used (nothing when it is gone). */
export function processCpu(pid: number): CpuTime {
  return readStat(pid)?.cpu ?? NO_CPU;
}

/** Seconds of CPU used by the live processes of group `pgid` (children already reaped are not counted). */
export function groupCpu(pgid: number): CpuTime {
  const total = { user: 0, system: 0 };
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.pgrp !== pgid) continue;
    total.user += stat.cpu.user;
    total.system += stat.cpu.system;
  }
  return total;
}

/** This process's own CPU time. */
export function ownCpu(): CpuTime {
  const { user, system } = process.cpuUsage();
  return { user: user / 1e6, system: system / 1e6 };
}

export function cpuSince(before: CpuTime, after: CpuTime): CpuTime {
  return { user: after.user - before.user, system: after.system - before.system };
}

export const cpuSeconds = (cpu: CpuTime): number => cpu.user + cpu.system;

function readStat(pid: number): { pgrp: number; cpu: CpuTime } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
  return { pgrp: Number(fields[2]), cpu: { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND } };
}
