// What the pages and the API show of a VM request: its numbers and words, who filed it and for whom, where it went,
// who decided and what they said, and links to its job and to the VM once it exists. Built for a whole page of
// requests with one query for the owners' names.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { STATUS_WORDS, type RequestStatus } from "./request-status";

/** What a request row is read with. */
export const REQUEST_INCLUDE = {
  applicant: { select: { email: true } },
  reviewer: { select: { email: true } },
  preferredCluster: { select: { slug: true } },
  cluster: { select: { slug: true } },
} as const satisfies Prisma.VmRequestInclude;

export type RequestRow = Prisma.VmRequestGetPayload<{ include: typeof REQUEST_INCLUDE }>;

export type Placement = { diskTemplate: string; pnode: string | null; snode: string | null; group: string | null; network: string };

export type RequestView = {
  id: number;
  hostname: string;
  memory: number;
  vcpus: number;
  disk: number;
  os: string;
  network: string;
  purpose: string;
  status: RequestStatus;
  statusWords: string;
  applicant: string;
  owner: { persona: string; label: string };
  preferredCluster: string | null;
  /** Where the approver sent it. */
  cluster: string | null;
  placement: Placement | null;
  reviewer: string | null;
  /** The reviewer's reason for a rejection, or their note with an approval. */
  message: string;
  quotaOverride: boolean;
  failure: string;
  job: { cluster: string; id: number } | null;
  /** The VM, once the request's job made it. */
  vm: { cluster: string; name: string } | null;
  createdAt: string;
  decidedAt: string | null;
  endedAt: string | null;
};

export async function requestViews(db: Pick<Db, "user" | "group">, rows: RequestRow[]): Promise<RequestView[]> {
  const labels = await personaLabels(db, rows.map((r) => r.persona));
  return rows.map((r) => {
    const cluster = r.cluster?.slug ?? null;
    return {
      id: r.id,
      hostname: r.hostname,
      memory: r.memory,
      vcpus: r.vcpus,
      disk: r.disk,
      os: r.os,
      network: r.network,
      purpose: r.purpose,
      status: r.status as RequestStatus,
      statusWords: STATUS_WORDS[r.status as RequestStatus] ?? r.status,
      applicant: r.applicant.email,
      owner: { persona: r.persona, label: labels.get(r.persona) ?? r.persona },
      preferredCluster: r.preferredCluster?.slug ?? null,
      cluster,
      placement: r.clusterId ? (JSON.parse(r.placement) as Placement) : null,
      reviewer: r.reviewer?.email ?? null,
      message: r.reviewMessage,
      quotaOverride: r.quotaOverride,
      failure: r.failure,
      job: cluster && r.jobId !== null ? { cluster, id: r.jobId } : null,
      vm: cluster && r.status === "created" ? { cluster, name: r.hostname } : null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
    };
  });
}
