// Submitting a job to a cluster on someone's behalf, the same way for every use case: record it (and reserve its
// quota) first, submit it through ClusterClient, then write the audit row with the job's id — or, when the cluster
// refused it, drop the record and audit the failure with the cluster's words. The sync loop follows the job and syncs
// the cluster when it ends.
import { isAppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Cluster } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit, type AuditRecord } from "@/lib/manager/audit/audit-log";
import { endpointOf, type ClusterClient, type ClusterConnector } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import { beginJob, jobNotSubmitted, jobSubmitted, type JobIntent } from "./begin-job";
import { tellOwnerOfJob } from "./owner-notice";

/** The database, the installation's secret box, the RAPI connector, and the e-mail settings (owners are told of jobs). */
export type JobDeps = { db: Db; box: SecretBox; connect: ClusterConnector; mail: MailSettings };

export type JobRequest = {
  actor: Actor;
  cluster: Cluster;
  instanceName: string;
  reserve?: JobIntent["reserve"];
  within?: JobIntent["within"];
  detail?: JobIntent["detail"];
  /** Undoes what `within` wrote, when the cluster did not take the job. */
  undo?: () => Promise<unknown>;
  audit: Omit<AuditRecord, "result" | "jobId" | "clusterId">;
  submit: (client: ClusterClient) => Promise<number>;
};

/** The job's id on the cluster, the cluster's slug, and the manager's record of the job (ManagerJob.id). */
export type Submitted = { jobId: number; cluster: string; recordId: string };

export async function submitJob(deps: JobDeps, request: JobRequest): Promise<Submitted> {
  const { db } = deps;
  const { actor, cluster, audit } = request;
  const auditAs = (result: AuditRecord["result"], extra: Partial<AuditRecord>, writer: Parameters<typeof recordAudit>[0] = db) =>
    recordAudit(writer, actor, { ...audit, clusterId: cluster.id, result, ...extra });
  let recordId: string;
  try {
    recordId = await beginJob(db, { clusterId: cluster.id, action: audit.action, instanceName: request.instanceName, actorId: actor.id, reserve: request.reserve, within: request.within, detail: request.detail });
  } catch (error) {
    if (isAppError(error, "quota_exceeded")) await auditAs("refused", { message: error.message });
    throw error;
  }
  let client: ClusterClient | undefined;
  let jobId: number;
  try {
    client = deps.connect(endpointOf(cluster, deps.box));
    jobId = await request.submit(client);
  } catch (error) {
    await jobNotSubmitted(db, recordId);
    await request.undo?.();
    const mapped = clusterError(error, cluster.slug);
    await auditAs("failed", { message: mapped instanceof Error ? mapped.message : String(mapped) });
    throw mapped;
  } finally {
    client?.close();
  }
  const told = await db.$transaction(async (tx) => {
    await jobSubmitted(tx, recordId, jobId);
    await auditAs("success", { jobId }, tx);
    return tellOwnerOfJob(tx, deps.mail, { actor, cluster, instanceName: request.instanceName, action: audit.action, jobId });
  });
  if (told) wakeMailDelivery();
  return { jobId, cluster: cluster.slug, recordId };
}

