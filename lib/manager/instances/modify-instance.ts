// Change a VM's memory, vCPUs, or add a disk (VM modify or admin, or cluster admin). Checked against the owner's
// quota (as GWM's check_quota_modify): growth of a VM that is up counts at once, a new disk always. Memory and vCPUs
// take effect when the VM next starts, as in Ganeti.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { mebibytes, vcpuCount } from "./instance-sizes";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";


export const modifyInstanceInput = z
  .object({
    memory: mebibytes("Memory", 64).optional(),
    vcpus: vcpuCount.optional(),
    addDisk: mebibytes("New disk", 1).optional(),
  })
  .strict();

export async function modifyInstance(deps: JobDeps, { actor, ref, input }: { actor: Actor; ref: InstanceRef; input: unknown }): Promise<Submitted> {
  const change = parseInput(modifyInstanceInput, input);
  if (change.memory === undefined && change.vcpus === undefined && change.addDisk === undefined) throw new AppError("wrong_input", "Nothing to change: give memory, vcpus or addDisk.");
  const grows = (now: number, next: number | undefined) => Math.max(0, (next ?? now) - now);
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.modify",
    action: "instance.modify",
    adds: ({ instance: i }) => ({ memory: i.adminState === "up" ? grows(i.memory, change.memory) : 0, vcpus: i.adminState === "up" ? grows(i.vcpus, change.vcpus) : 0, disk: change.addDisk ?? 0 }),
    before: ({ instance: i }) => ({ memory: i.memory, vcpus: i.vcpus, diskSize: i.diskSize }),
    after: change,
    submit: (client, name) =>
      client.modifyInstance(name, {
        ...(change.memory !== undefined || change.vcpus !== undefined
          ? { beparams: { ...(change.memory !== undefined ? { maxmem: change.memory, minmem: change.memory } : {}), ...(change.vcpus !== undefined ? { vcpus: change.vcpus } : {}) } }
          : {}),
        ...(change.addDisk !== undefined ? { disks: [["add", -1, { size: change.addDisk }]] } : {}),
      }),
  });
}
