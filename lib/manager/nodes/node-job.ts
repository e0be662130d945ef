// The path of every job on a node (GWM: cluster admin or migrate): find it in the cache, check the actor may, check
// the cluster takes jobs, submit.
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import type { ClusterClient } from "@/lib/manager/clusters/cluster-connection";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { ensureWritable } from "@/lib/manager/instances/instance-target";
import { submitJob, type JobDeps, type Submitted } from "@/lib/manager/jobs/submit-job";
import type { CachedNode } from "@/lib/generated/prisma/client";

export type NodeRef = { cluster: string; name: string };

export type NodeJob = {
  actor: Actor;
  ref: NodeRef;
  action: string;
  check?: (node: CachedNode) => void;
  after?: unknown;
  submit: (client: ClusterClient, name: string) => Promise<number>;
};

export async function runNodeJob(deps: JobDeps, job: NodeJob): Promise<Submitted> {
  const { db } = deps;
  const cluster = await findCluster(db, job.ref.cluster);
  const node = await db.cachedNode.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: job.ref.name } } });
  if (!node) throw new AppError("not_found", `No node '${job.ref.name}' on cluster ${cluster.slug}.`);
  const object = { type: "node", id: `${cluster.slug}/${node.name}`, name: node.name };
  await authorize(db, await loadAccess(db, job.actor), "node.manage", { clusterId: cluster.id }, { action: job.action, object });
  ensureWritable(cluster);
  job.check?.(node);
  return submitJob(deps, {
    actor: job.actor,
    cluster,
    instanceName: "",
    audit: { action: job.action, object, before: { role: node.role, offline: node.offline, drained: node.drained, pinstCnt: node.pinstCnt, sinstCnt: node.sinstCnt }, after: job.after },
    submit: (client) => job.submit(client, node.name),
  });
}
