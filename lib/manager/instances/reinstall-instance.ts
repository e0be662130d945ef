// Reinstall a VM's operating system (VM remove or admin, or cluster admin: it erases the disks). A VM that was up is
// started again; one that was down stays down — so a reinstall never starts a VM past its owner's quota (GWM forced
// no_startup for the same reason).
import { z } from "zod";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const reinstallInput = z.object({ os: z.string().trim().min(1, "OS: the name of one of the cluster's operating systems.").max(200).optional() }).strict();

export async function reinstallInstance(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: InstanceRef; input?: unknown }): Promise<Submitted> {
  const { os } = parseInput(reinstallInput, input ?? {});
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.remove",
    action: "instance.reinstall",
    before: ({ instance }) => ({ os: instance.os, adminState: instance.adminState }),
    after: { os },
    submit: (client, name, { instance }) => client.reinstallInstance(name, { os, start: instance.adminState === "up" }),
  });
}
