// Who may see a cluster's jobs: superusers and those who see the whole cluster (admin, migrate, export,
// replace_disks, tags) see all of them; anyone else the jobs they submitted through the manager.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess } from "@/lib/manager/access/access";

export type JobVisibility = { all: boolean; own: Set<number> };

export async function jobVisibility(db: Db, actor: Actor, clusterId: string): Promise<JobVisibility> {
  const access = await loadAccess(db, actor);
  if (allows(access, "cluster.view_all", { clusterId })) return { all: true, own: new Set() };
  const mine = await db.managerJob.findMany({ where: { clusterId, actorId: actor.id, jobId: { not: null } }, select: { jobId: true } });
  return { all: false, own: new Set(mine.map((j) => j.jobId!)) };
}

export const canSeeJob = (visibility: JobVisibility, jobId: number) => visibility.all || visibility.own.has(jobId);
