// One job, live from its cluster (the page that follows a job polls this): status per opcode, the log lines, and the
// result — a failure in words (Ganeti's error class, message and code), not a raw tuple.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { endpointOf, type ClusterConnector } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import { FINAL_JOB_STATUSES } from "@/lib/manager/cache/cache-fields";
import { canSeeJob, jobVisibility } from "./job-access";
import { childJobIds } from "./child-jobs";
import { describeOpResult } from "./op-result";

const time = (value: unknown): string | null =>
  Array.isArray(value) && typeof value[0] === "number" ? new Date(value[0] * 1000 + Number(value[1] ?? 0) / 1000).toISOString() : null;

export async function getJob(deps: { db: Db; box: SecretBox; connect: ClusterConnector }, { actor, cluster: which, id }: { actor: Actor; cluster: string; id: number }) {
  if (!Number.isInteger(id) || id < 0) throw new AppError("wrong_input", "Job: a job id, a whole number.");
  const cluster = await findCluster(deps.db, which);
  if (!canSeeJob(await jobVisibility(deps.db, actor, cluster.id), id)) throw new AppError("forbidden", `Not allowed: job ${id} on cluster ${cluster.slug} was not submitted by you.`);
  const client = deps.connect(endpointOf(cluster, deps.box));
  try {
    const job = await client.getJobStatus(id);
    return {
      cluster: cluster.slug,
      id,
      status: job.status,
      final: FINAL_JOB_STATUSES.has(job.status),
      summary: job.summary,
      receivedAt: time(job.received_ts),
      startedAt: time(job.start_ts),
      endedAt: time(job.end_ts),
      ops: job.ops.map((op, i) => ({ op: op.OP_ID, status: job.opstatus[i] ?? "", result: describeOpResult(job.opstatus[i], job.opresult?.[i]) })),
      /** Jobs this one started (an evacuation's moves), to follow after it. */
      childJobs: job.status === "success" ? childJobIds(job.opresult) : [],
      log: (job.oplog ?? []).flat().map((entry) => ({ serial: entry[0], time: time(entry[1]), type: entry[2], message: typeof entry[3] === "string" ? entry[3] : JSON.stringify(entry[3]) })),
    };
  } catch (error) {
    throw clusterError(error, cluster.slug);
  } finally {
    client.close();
  }
}
