// What a real host says about itself for nodeInfo and storageList: memory from /proc/meminfo, CPUs, the boot id, and
// the size of the file systems holding the storage roots.
import fs from "node:fs";
import os from "node:os";

const MiB = 1024 * 1024;

/** MemTotal and MemAvailable in MiB (the kernel's estimate of what new guests can get without swapping). */
export function hostMemory(): { total: number; available: number } {
  const text = fs.readFileSync("/proc/meminfo", "utf8");
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text);
    if (!match) throw new Error(`/proc/meminfo has no ${name}`);
    return Math.floor(Number(match[1]) / 1024);
  };
  return { total: field("MemTotal"), available: field("MemAvailable") };
}

export function hostBootId(): string {
  return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
}

export const hostCpuCount = (): number => os.cpus().length;

/** Size and space left for unprivileged writers of the file system holding `dir`, in MiB. */
export function fileSystemSpace(dir: string): { total: number; free: number } {
  const stat = fs.statfsSync(dir);
  return { total: Math.floor((stat.blocks * stat.bsize) / MiB), free: Math.floor((stat.bavail * stat.bsize) / MiB) };
}
