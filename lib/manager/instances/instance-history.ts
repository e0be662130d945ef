// A VM's history for its page (GWM's object log): the jobs the manager submitted for it, with their status as last
// seen, and its audit entries — for those who may grant permissions on it (its admins, its owner, cluster admins).
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "./instance-target";

export async function instanceHistory({ db }: { db: Db }, { actor, ref, take = 100 }: { actor: Actor; ref: InstanceRef; take?: number }) {
  const t = await loadInstanceTarget(db, actor, ref);
  const object = instanceObject(t);
  await authorize(db, t.access, "instance.permissions", t.target, { action: "instance.history", object });
  const [jobs, audit] = await Promise.all([
    db.managerJob.findMany({ where: { clusterId: t.cluster.id, instanceName: t.instance.name }, orderBy: { submittedAt: "desc" }, take, select: { jobId: true, action: true, status: true, submittedAt: true, endedAt: true } }),
    db.auditEntry.findMany({ where: { objectType: "instance", objectId: object.id }, orderBy: { at: "desc" }, take, select: { at: true, actorEmail: true, action: true, result: true, jobId: true, message: true } }),
  ]);
  // The cache's status is the newer one (the manager's record is ended only after the sync that follows the job).
  const cached = await db.cachedJob.findMany({ where: { clusterId: t.cluster.id, jobId: { in: jobs.flatMap((j) => (j.jobId === null ? [] : [j.jobId])) } }, select: { jobId: true, status: true } });
  const statusOf = new Map(cached.map((j) => [j.jobId, j.status]));
  return { jobs: jobs.map((j) => ({ ...j, status: (j.jobId !== null && statusOf.get(j.jobId)) || j.status })), audit };
}
