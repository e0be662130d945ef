// Rename a VM (VM modify or admin, or cluster admin). Ganeti renames only a stopped VM, so one that is up is refused
// here with what to do (ganetimgr issue #35: the user should learn it before a job fails). Its owner row and
// permissions follow the new name once the job has succeeded (lib/manager/jobs/follow-jobs.ts).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { instanceName } from "./instance-sizes";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const renameInput = z.object({ newName: instanceName }).strict();

/** A rename Ganeti would refuse, said before anything is submitted (or mailed for confirmation). */
export function checkRename(instance: { name: string; adminState: string }, newName: string): void {
  if (instance.adminState === "up") throw new AppError("conflict", `Shut ${instance.name} down first: Ganeti renames only a stopped VM.`);
  if (newName === instance.name) throw new AppError("wrong_input", "New name: it is the VM's name already.");
}

export async function renameInstance(deps: JobDeps, { actor, ref, input }: { actor: Actor; ref: InstanceRef; input: unknown }): Promise<Submitted> {
  const { newName } = parseInput(renameInput, input);
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.modify",
    action: "instance.rename",
    check: ({ instance }) => checkRename(instance, newName),
    before: ({ instance }) => ({ name: instance.name }),
    after: { name: newName },
    detail: { newName },
    // The manager checks the name; it need not resolve in DNS where the cluster runs (as ganetimgr does).
    submit: (client, name) => client.renameInstance(name, newName, { nameCheck: false, ipCheck: false }),
  });
}
