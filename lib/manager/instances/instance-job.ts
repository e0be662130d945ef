// The path of every job on one VM: find it, check the actor may (refusals audited), check the cluster takes jobs,
// then submit (with a quota reservation when the job adds to the owner's usage).
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import type { Action } from "@/lib/manager/access/rules";
import type { ClusterClient } from "@/lib/manager/clusters/cluster-connection";
import type { Resources } from "@/lib/manager/quotas/quota-usage";
import { submitJob, type JobDeps, type Submitted } from "@/lib/manager/jobs/submit-job";
import { ensureWritable, instanceObject, loadInstanceTarget, type InstanceRef, type InstanceTarget } from "./instance-target";

export type InstanceJob = {
  actor: Actor;
  ref: InstanceRef;
  /** The permission rule checked. */
  rule: Action;
  /** The audit action ("instance.startup" …). */
  action: string;
  /** What the job adds to the owner's usage, given the VM as cached; absent or all zero: no quota involved. */
  adds?: (t: InstanceTarget) => Resources;
  /** Checks of the request against the VM before anything is submitted (wrong_input saying what to fix). */
  check?: (t: InstanceTarget) => void;
  before?: (t: InstanceTarget) => unknown;
  after?: unknown;
  /** Kept with the job's record for when it ends (see lib/manager/jobs/follow-jobs.ts). */
  detail?: Record<string, unknown>;
  submit: (client: ClusterClient, name: string, t: InstanceTarget) => Promise<number>;
};

export async function runInstanceJob(deps: JobDeps, job: InstanceJob): Promise<Submitted> {
  const t = await loadInstanceTarget(deps.db, job.actor, job.ref);
  const object = instanceObject(t);
  await authorize(deps.db, t.access, job.rule, t.target, { action: job.action, object });
  ensureWritable(t.cluster);
  job.check?.(t);
  const adds = job.adds?.(t);
  const reserve = adds && t.owner && (adds.memory > 0 || adds.vcpus > 0 || adds.disk > 0) ? { persona: t.owner, adds, checked: !job.actor.isAdmin } : undefined;
  return submitJob(deps, {
    actor: job.actor,
    cluster: t.cluster,
    instanceName: t.instance.name,
    reserve,
    detail: job.detail,
    audit: { action: job.action, object, before: job.before?.(t), after: job.after },
    submit: (client) => job.submit(client, t.instance.name, t),
  });
}
