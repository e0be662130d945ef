// Following the jobs the manager submitted (ManagerJob rows): each tick of the sync loop asks the clusters how their
// open jobs are doing; when some have ended, the cluster is synced and only then are the records ended — so their
// quota reservations stop counting exactly when the cache counts the outcome (counted twice for a moment, never
// not at all). A removed VM's owner row and permissions go once its removal succeeded; a failed create's owner row
// goes with it; a renamed VM's owner and permissions follow its new name; the jobs an evacuation started are followed
// in turn; a VM request that a create job was made for is settled with it. A record whose submission never finished
// (the process died in between) is dropped after a while.
import { RapiNotFoundError } from "@/lib/ganeti/rapi/client";
import type { ManagerJob, Prisma } from "@/lib/generated/prisma/client";
import { endpointOf, type ClusterClient } from "@/lib/manager/clusters/cluster-connection";
import { FINAL_JOB_STATUSES } from "@/lib/manager/cache/cache-fields";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { settleRequest } from "@/lib/manager/requests/settle-requests";
import { childJobIds } from "./child-jobs";
import { describeOpResult } from "./op-result";
import type { JobDeps } from "./submit-job";

export type FollowDeps = JobDeps & { mail: MailSettings };

/** A job the cluster no longer knows (archived, or the queue was lost) is over as far as the manager can tell. */
const LOST = "lost";
const STUCK_SUBMITTING_MS = 10 * 60_000;
/** Jobs asked about per cluster per tick. */
const PER_TICK = 50;

export async function followJobs(deps: FollowDeps, syncNow: (clusterId: string) => Promise<{ ok: boolean }>, log: (line: string) => void = () => undefined): Promise<void> {
  const { db } = deps;
  const open = await db.managerJob.findMany({ where: { endedAt: null }, orderBy: { submittedAt: "asc" } });
  if (!open.length) return;
  const stuck = open.filter((j) => j.jobId === null && Date.now() - j.submittedAt.getTime() > STUCK_SUBMITTING_MS).map((j) => j.id);
  if (stuck.length) await db.managerJob.deleteMany({ where: { id: { in: stuck }, jobId: null } });
  const byCluster = new Map<string, ManagerJob[]>();
  for (const job of open) if (job.jobId !== null) byCluster.set(job.clusterId, [...(byCluster.get(job.clusterId) ?? []), job]);
  for (const [clusterId, jobs] of byCluster) {
    const cluster = await db.cluster.findUnique({ where: { id: clusterId } });
    if (!cluster) continue;
    let client: ClusterClient | undefined;
    const ended: Ended[] = [];
    try {
      client = deps.connect(endpointOf(cluster, deps.box));
      for (const job of jobs.slice(0, PER_TICK)) {
        const { status, children, failure } = await jobStatus(client, job.jobId!);
        if (status !== job.status) await db.managerJob.update({ where: { id: job.id }, data: { status } });
        if (status === LOST || FINAL_JOB_STATUSES.has(status)) ended.push({ job, status, children, failure });
      }
    } catch (error) {
      // The cluster does not answer: its jobs are asked about again next tick (the sync reports the outage).
      log(`follow-jobs: cluster ${cluster.slug}: ${(error as Error).message}`);
    } finally {
      client?.close();
    }
    if (ended.length && (await syncNow(clusterId)).ok) await endJobs(deps, clusterId, ended);
  }
}

type Ended = { job: ManagerJob; status: string; children: number[]; failure: string };

async function jobStatus(client: ClusterClient, jobId: number): Promise<{ status: string; children: number[]; failure: string }> {
  try {
    const job = await client.getJobStatus(jobId);
    const status = String(job.status);
    return { status, children: status === "success" ? childJobIds(job.opresult) : [], failure: status === "error" ? failureText(job.opresult) : "" };
  } catch (error) {
    if (error instanceof RapiNotFoundError) return { status: LOST, children: [], failure: "The cluster no longer knows the job (archived or lost)." };
    throw error;
  }
}

/** The first failed opcode's message, as a person reads it. */
function failureText(opresult: unknown): string {
  const results = Array.isArray(opresult) ? opresult : [opresult];
  for (const result of results) {
    const view = describeOpResult("error", result);
    if (view && "error" in view) return view.error;
  }
  return "";
}

async function endJobs({ db, mail }: FollowDeps, clusterId: string, ended: Ended[]): Promise<void> {
  let mailed = false;
  await db.$transaction(async (tx) => {
    for (const { job, status, children, failure } of ended) {
      await tx.managerJob.update({ where: { id: job.id }, data: { status, endedAt: new Date() } });
      // The moves an evacuation started are followed next, for the same actor (no quota: they move, not add).
      for (const jobId of children) {
        if (await tx.managerJob.findFirst({ where: { clusterId, jobId }, select: { id: true } })) continue;
        await tx.managerJob.create({ data: { clusterId, jobId, action: `${job.action}.move`, actorId: job.actorId, status: "queued", detail: JSON.stringify({ startedBy: job.jobId }) } });
      }
      const instanceName = job.instanceName;
      if (job.action === "instance.remove" && status === "success") {
        await tx.instanceOwner.deleteMany({ where: { clusterId, instanceName } });
        await tx.permission.deleteMany({ where: { clusterId, instanceName } });
      }
      if (job.action === "instance.rename" && status === "success") await followRename(tx, clusterId, instanceName, String(JSON.parse(job.detail).newName ?? ""));
      if (job.action === "instance.create" && status !== "success" && !(await tx.cachedInstance.findUnique({ where: { clusterId_name: { clusterId, name: instanceName } } }))) {
        await tx.instanceOwner.deleteMany({ where: { clusterId, instanceName } });
      }
      if (job.action === "instance.create") mailed = (await settleRequest(tx, mail, { recordId: job.id, status, failure })) || mailed;
    }
  });
  if (mailed) wakeMailDelivery();
}

/** The owner row (the database's, which wins over a tag the sync may have adopted meanwhile) and the permissions move to the new name. */
async function followRename(tx: Prisma.TransactionClient, clusterId: string, oldName: string, newName: string): Promise<void> {
  if (!newName) return;
  const owner = await tx.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId, instanceName: oldName } } });
  if (owner) {
    await tx.instanceOwner.delete({ where: { clusterId_instanceName: { clusterId, instanceName: oldName } } });
    await tx.instanceOwner.upsert({
      where: { clusterId_instanceName: { clusterId, instanceName: newName } },
      create: { clusterId, instanceName: newName, persona: owner.persona },
      update: { persona: owner.persona },
    });
    await tx.cachedInstance.updateMany({ where: { clusterId, name: newName }, data: { ownerKey: owner.persona } });
  }
  await tx.permission.updateMany({ where: { clusterId, instanceName: oldName }, data: { instanceName: newName } });
}
