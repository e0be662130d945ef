// Who reviews VM requests: superusers, and holders of a cluster's admin or approve permission (directly or through a
// group). Reviewers see every request — a request need not name a cluster — and approve onto the clusters they hold
// it on; rejecting needs it on any cluster.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { allows, type Access } from "@/lib/manager/access/access";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { requirementText } from "@/lib/manager/access/rules";

/** The clusters (id, slug) this user may approve requests onto. */
export async function reviewClusters(db: Pick<Db, "cluster">, access: Access): Promise<{ id: string; slug: string }[]> {
  const clusters = await db.cluster.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
  return clusters.filter((c) => allows(access, "request.review", { clusterId: c.id }));
}

/** Refuses (audited) a user who may review on no cluster. */
export async function requireReviewer(db: Db, access: Access, attempt: { action: string; object?: { type: string; id: string; name: string } }): Promise<void> {
  if ((await reviewClusters(db, access)).length) return;
  const message = `Not allowed: reviewing VM requests needs ${requirementText("request.review")} on some cluster.`;
  await recordAudit(db, access.actor, { ...attempt, result: "refused", message });
  throw new AppError("forbidden", message);
}
