// The audit row of a successful change to a cluster's registration: its settings before and after, secrets left out
// (actor null: the system, at start-up).
import type { Cluster, Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { clusterAuditState } from "./cluster-view";

export async function auditClusterChange(
  tx: Prisma.TransactionClient,
  actor: Actor | null,
  action: "cluster.add" | "cluster.update" | "cluster.remove",
  change: { before?: Cluster; after?: Cluster },
  message?: string,
): Promise<void> {
  const cluster = (change.after ?? change.before)!;
  await recordAudit(tx, actor, {
    action,
    result: "success",
    object: { type: "cluster", id: cluster.id, name: cluster.slug },
    clusterId: cluster.id,
    before: change.before && clusterAuditState(change.before),
    after: change.after && clusterAuditState(change.after),
    message,
  });
}
