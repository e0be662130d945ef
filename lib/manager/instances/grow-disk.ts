// Grow one of a VM's disks (VM modify or admin, or cluster admin), checked against the owner's disk quota.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { mebibytes } from "./instance-sizes";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const growDiskInput = z.object({ disk: z.number({ message: "Disk: its index, from 0." }).int("Disk: its index, from 0.").min(0, "Disk: its index, from 0."), amount: mebibytes("Amount", 1) }).strict();

export async function growDisk(deps: JobDeps, { actor, ref, input }: { actor: Actor; ref: InstanceRef; input: unknown }): Promise<Submitted> {
  const { disk, amount } = parseInput(growDiskInput, input);
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.modify",
    action: "instance.grow_disk",
    check: ({ instance }) => {
      const sizes = (JSON.parse(instance.data) as { "disk.sizes"?: unknown[] })["disk.sizes"] ?? [];
      if (disk >= sizes.length) throw new AppError("wrong_input", sizes.length ? `Disk: ${instance.name} has disks 0 to ${sizes.length - 1}.` : `Disk: ${instance.name} has no disks.`);
    },
    adds: () => ({ memory: 0, vcpus: 0, disk: amount }),
    before: ({ instance }) => ({ diskSizes: (JSON.parse(instance.data) as { "disk.sizes"?: unknown[] })["disk.sizes"] ?? [] }),
    after: { disk, amount },
    submit: (client, name) => client.growInstanceDisk(name, disk, amount),
  });
}
