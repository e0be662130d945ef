// VM requests a page at a time. Without `queue`: the user's own — those they filed and those filed for a group they
// belong to — in every status, newest first. With `queue` (reviewers only; a refusal is audited): every request,
// by default the pending ones, longest waiting first, filtered by status, a text (host name, applicant's e-mail or
// purpose) and the preferred cluster. Either way the answer says whether the user reviews, and how many requests
// wait for a decision, so the page can offer the queue.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess, type Access } from "@/lib/manager/access/access";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { pageFields, pageWindow, type Paged } from "@/lib/manager/paging";
import { REQUEST_STATUSES } from "./request-status";
import { REQUEST_INCLUDE, requestViews, type RequestView } from "./request-view";
import { requireReviewer, reviewClusters } from "./review-access";

const yes = z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean());

export const listRequestsInput = z
  .object({
    queue: yes.default(false),
    /** A status, or "any"; the queue shows the pending ones unless told otherwise. */
    status: z.enum([...REQUEST_STATUSES, "any"], { message: `Status: one of ${REQUEST_STATUSES.join(", ")}, or any.` }).optional(),
    q: z.string().trim().max(200, "Search: at most 200 characters.").optional(),
    /** The preferred cluster's slug. */
    cluster: z.string().trim().max(100).optional(),
    ...pageFields(),
  })
  .strict();

export type RequestList = Paged<RequestView> & {
  /** The user reviews requests: how many wait for a decision (pending), for the queue's link. */
  review: { pending: number } | null;
};

export async function listRequests({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<RequestList> {
  const { queue, status, q, cluster, page, pageSize } = parseInput(listRequestsInput, input);
  const access = await loadAccess(db, actor);
  if (queue) await requireReviewer(db, access, { action: "request.list_queue" });
  const isReviewer = queue || (await reviewClusters(db, access)).length > 0;
  const shown = status ?? (queue ? "pending" : "any");
  const filters: Prisma.VmRequestWhereInput[] = queue ? [] : [mine(access)];
  if (shown !== "any") filters.push({ status: shown });
  if (q) filters.push({ OR: [{ hostname: { contains: q } }, { purpose: { contains: q } }, { applicant: { email: { contains: q } } }] });
  if (cluster) filters.push({ preferredCluster: { slug: cluster.toLowerCase() } });
  const where: Prisma.VmRequestWhereInput = { AND: filters };
  // The queue serves the longest waiting first; anything else reads newest first.
  const orderBy = { id: queue && shown === "pending" ? "asc" : "desc" } as const;
  const [total, rows, pending] = await Promise.all([
    db.vmRequest.count({ where }),
    db.vmRequest.findMany({ where, orderBy, include: REQUEST_INCLUDE, ...pageWindow({ page, pageSize }) }),
    isReviewer ? db.vmRequest.count({ where: { status: "pending" } }) : Promise.resolve(0),
  ]);
  return { total, page, pageSize, items: await requestViews(db, rows), review: isReviewer ? { pending } : null };
}

/** The requests a user counts as theirs: filed by them, or for a persona they act as (themselves or their groups). */
export const mine = (access: Access): Prisma.VmRequestWhereInput => ({ OR: [{ applicantId: access.actor.id }, { persona: { in: access.personas } }] });
