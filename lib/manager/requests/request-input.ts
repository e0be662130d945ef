// What a user fills in to ask for a VM, and the admin's limits on it (lib/manager/settings/request-settings.ts):
// each problem names its field and says what would be accepted.
import { z } from "zod";
import { instanceName, mebibytes, vcpuCount } from "@/lib/manager/instances/instance-sizes";
import type { RequestSettings } from "@/lib/manager/settings/request-settings";
import { formatMiB } from "@/lib/text/format-mib";

export const requestInput = z
  .object({
    // ganetimgr's rule: a fully qualified name, so that it means the same wherever the VM ends up.
    hostname: instanceName.refine((name) => name.includes("."), "Name: a fully qualified host name with a domain, e.g. web1.example.org."),
    memory: mebibytes("Memory", 64),
    vcpus: vcpuCount,
    disk: mebibytes("Disk", 1),
    os: z.string({ message: "OS: choose an operating system." }).trim().min(1, "OS: choose an operating system.").max(200, "OS: at most 200 characters."),
    network: z.string().trim().max(200, "Network: at most 200 characters.").default(""),
    /** The persona the VM is for; the applicant when left out. */
    owner: z.string().optional(),
    purpose: z.string({ message: "Purpose: say in a few words what the VM is for." }).trim().min(3, "Purpose: say in a few words what the VM is for.").max(4000, "Purpose: at most 4000 characters."),
    /** A cluster's slug, or "" for no preference. */
    preferredCluster: z.string().trim().max(100).default(""),
  })
  .strict();

export type RequestFields = z.output<typeof requestInput>;
export type RequestProblem = { field: string; message: string };

export function limitProblems(fields: Pick<RequestFields, "memory" | "vcpus" | "disk">, limits: RequestSettings): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (fields.memory < limits.memoryMin || fields.memory > limits.memoryMax) {
    problems.push({ field: "memory", message: `Memory: between ${formatMiB(limits.memoryMin)} and ${formatMiB(limits.memoryMax)}.` });
  }
  if (fields.vcpus > limits.vcpusMax) problems.push({ field: "vcpus", message: `vCPUs: at most ${limits.vcpusMax}.` });
  if (fields.disk < limits.diskMin || fields.disk > limits.diskMax) {
    problems.push({ field: "disk", message: `Disk: between ${formatMiB(limits.diskMin)} and ${formatMiB(limits.diskMax)}.` });
  }
  return problems;
}
