// One VM request, for its applicant, the members of the group it is for, and reviewers. Anyone else is told there is
// no such request (not "forbidden"), so request numbers do not tell who asked for what. A reviewer also gets, for
// each cluster they may approve onto, the owner's usage and quota there and — while the request can be decided —
// what the cluster offers (disk templates, operating systems, node groups, nodes, networks) for the approval form; a
// cluster that does not answer says why instead of failing the page.
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { canSeeJob, jobVisibility } from "@/lib/manager/jobs/job-access";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { clusterOffer, type ClusterOffer } from "@/lib/manager/instances/cluster-offer";
import { quotaLimits, quotaUsage, type Limits, type Resources } from "@/lib/manager/quotas/quota-usage";
import { requestNumber } from "./find-request";
import { DECIDABLE_STATUSES } from "./request-status";
import { REQUEST_INCLUDE, requestViews, type RequestView } from "./request-view";
import { reviewClusters } from "./review-access";

export type ReviewCluster = {
  slug: string;
  /** Gantry submits no job there (read-only, or no RAPI credentials). */
  readOnly: boolean;
  /** The owner's usage there now (jobs in flight included) and their quota. */
  used: Resources;
  limits: Limits;
  offer: Omit<ClusterOffer, "info"> | null;
  /** Why there is no offer when the request can be decided (the cluster did not answer). */
  offerError: string;
};

export type RequestDetail = RequestView & {
  mayWithdraw: boolean;
  /** The user may follow the request's job on its page. */
  jobVisible: boolean;
  review: { mayDecide: boolean; clusters: ReviewCluster[] } | null;
};

export async function getRequest(deps: JobDeps, { actor, id }: { actor: Actor; id: unknown }): Promise<RequestDetail> {
  const { db } = deps;
  const number = requestNumber(id);
  const row = await db.vmRequest.findUnique({ where: { id: number }, include: REQUEST_INCLUDE });
  const access = await loadAccess(db, actor);
  const reviewable = await reviewClusters(db, access);
  const involved = row && (row.applicantId === actor.id || (access.personas as string[]).includes(row.persona));
  if (!row || (!involved && !reviewable.length)) throw new AppError("not_found", `There is no VM request #${number}.`);
  const [view] = await requestViews(db, [row]);
  const jobVisible = row.jobId !== null && row.clusterId !== null && canSeeJob(await jobVisibility(db, actor, row.clusterId), row.jobId);
  const mayDecide = DECIDABLE_STATUSES.includes(view!.status);
  const review = reviewable.length ? { mayDecide, clusters: await Promise.all(reviewable.map((c) => reviewCluster(deps, c.id, row.persona, mayDecide))) } : null;
  return { ...view!, mayWithdraw: row.applicantId === actor.id && row.status === "pending", jobVisible, review };
}

async function reviewCluster(deps: JobDeps, clusterId: string, persona: string, withOffer: boolean): Promise<ReviewCluster> {
  const cluster = await deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
  const { isDefault: _isDefault, ...limits } = await quotaLimits(deps.db, clusterId, persona);
  const base = { slug: cluster.slug, readOnly: cluster.readOnly || !cluster.rapiUser, used: await quotaUsage(deps.db, clusterId, persona), limits };
  if (!withOffer) return { ...base, offer: null, offerError: "" };
  try {
    const { info: _info, ...offer } = await clusterOffer(deps, cluster);
    return { ...base, offer, offerError: "" };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, offer: null, offerError: error.message };
  }
}
