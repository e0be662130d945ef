// What a VM request carries, checked the same way everywhere: its name, MiB of memory or disk, and vCPUs.
import { z } from "zod";

export const mebibytes = (what: string, min: number) =>
  z.number({ message: `${what}: a whole number of MiB.` }).int(`${what}: a whole number of MiB.`).min(min, `${what}: at least ${min} MiB.`).max(16 * 1024 * 1024, `${what}: at most 16 TiB.`);

const VCPUS = "vCPUs: a whole number from 1 to 256.";
export const vcpuCount = z.number({ message: VCPUS }).int(VCPUS).min(1, VCPUS).max(256, VCPUS);

// Ganeti instance names are host names: letters, digits, '-' and '.', each label starting with a letter or digit.
export const instanceName = z
  .string({ message: "Name: a host name, e.g. web1.example.org." })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9][a-z0-9-]{0,62})*$/, "Name: a host name of letters, digits, '-' and '.', e.g. web1.example.org.");
