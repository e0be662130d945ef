// Cancel a job that has not started yet (Ganeti cancels only queued or waiting jobs): by whoever submitted it through
// the manager, or by a cluster admin. The cluster's answer says whether it could.
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess } from "@/lib/manager/access/access";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { endpointOf } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { ensureWritable } from "@/lib/manager/instances/instance-target";
import type { JobDeps } from "./submit-job";

export async function cancelJob(deps: JobDeps, { actor, cluster: which, id }: { actor: Actor; cluster: string; id: number }): Promise<{ canceled: boolean; message: string }> {
  const { db } = deps;
  if (!Number.isInteger(id) || id < 0) throw new AppError("wrong_input", "Job: a job id, a whole number.");
  const cluster = await findCluster(db, which);
  const object = { type: "job", id: `${cluster.slug}/${id}`, name: String(id) };
  const submitted = await db.managerJob.findFirst({ where: { clusterId: cluster.id, jobId: id, actorId: actor.id } });
  if (!submitted && !allows(await loadAccess(db, actor), "cluster.permissions", { clusterId: cluster.id })) {
    const message = `Not allowed: canceling job ${id} needs to have submitted it, or the cluster's admin permission.`;
    await recordAudit(db, actor, { action: "job.cancel", result: "refused", object, clusterId: cluster.id, jobId: id, message });
    throw new AppError("forbidden", message);
  }
  ensureWritable(cluster);
  const client = deps.connect(endpointOf(cluster, deps.box));
  try {
    const [canceled, message] = await client.cancelJob(id);
    await recordAudit(db, actor, { action: "job.cancel", result: canceled ? "success" : "failed", object, clusterId: cluster.id, jobId: id, message });
    return { canceled, message };
  } catch (error) {
    throw clusterError(error, cluster.slug);
  } finally {
    client.close();
  }
}
