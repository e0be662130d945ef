// Remove a VM (VM remove or admin, or cluster admin). Its owner row and permissions go when the job has succeeded
// (lib/manager/jobs/follow-jobs.ts), not before: a removal that fails leaves the VM as it was.
import type { Actor } from "@/lib/manager/actor";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export async function removeInstance(deps: JobDeps, { actor, ref }: { actor: Actor; ref: InstanceRef }): Promise<Submitted> {
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.remove",
    action: "instance.remove",
    before: ({ instance: i, owner }) => ({ owner, pnode: i.pnode, memory: i.memory, vcpus: i.vcpus, diskSize: i.diskSize, diskTemplate: i.diskTemplate }),
    submit: (client, name) => client.deleteInstance(name),
  });
}
