// The sizes a VM request carries, checked the same way everywhere: MiB of memory or disk, and vCPUs.
import { z } from "zod";

export const mebibytes = (what: string, min: number) =>
  z.number({ message: `${what}: a whole number of MiB.` }).int(`${what}: a whole number of MiB.`).min(min, `${what}: at least ${min} MiB.`).max(16 * 1024 * 1024, `${what}: at most 16 TiB.`);

const VCPUS = "vCPUs: a whole number from 1 to 256.";
export const vcpuCount = z.number({ message: VCPUS }).int(VCPUS).min(1, VCPUS).max(256, VCPUS);
