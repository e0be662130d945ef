// A cluster's jobs from the cache, newest first, a page at a time, filtered by status — each user sees what
// job-access.ts allows.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { jobVisibility } from "./job-access";

export const listJobsInput = z
  .object({
    cluster: z.string().trim().min(1, "Cluster: its short name."),
    status: z.enum(["queued", "waiting", "running", "canceling", "success", "error", "canceled"], { message: "Status: queued, waiting, running, canceling, success, error or canceled." }).optional(),
    page: z.coerce.number().int().min(1, "Page: a whole number from 1.").default(1),
    pageSize: z.coerce.number().int().min(1, "Page size: 1 to 500.").max(500, "Page size: 1 to 500.").default(50),
  })
  .strict();

const toDate = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

export async function listJobs({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const { cluster: which, status, page, pageSize } = parseInput(listJobsInput, input);
  const cluster = await findCluster(db, which);
  const visibility = await jobVisibility(db, actor, cluster.id);
  const where: Prisma.CachedJobWhereInput = { clusterId: cluster.id, ...(status ? { status } : {}), ...(visibility.all ? {} : { jobId: { in: [...visibility.own] } }) };
  const [total, rows] = await Promise.all([
    db.cachedJob.count({ where }),
    db.cachedJob.findMany({ where, orderBy: { jobId: "desc" }, skip: (page - 1) * pageSize, take: pageSize, select: { jobId: true, status: true, summary: true, receivedAt: true, startedAt: true, endedAt: true } }),
  ]);
  return {
    cluster: cluster.slug,
    total,
    page,
    pageSize,
    items: rows.map((r) => ({ id: r.jobId, status: r.status, summary: r.summary, receivedAt: toDate(r.receivedAt), startedAt: toDate(r.startedAt), endedAt: toDate(r.endedAt) })),
  };
}
