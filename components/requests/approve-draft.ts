// The approval form's state, the owner's quota once the VM exists with these numbers, and the body of
// POST /api/requests/ID/approve.
import { overdraw, type Resources } from "@/lib/manager/quotas/quota-usage";
import type { RequestView, ReviewCluster } from "./types";

export type ApproveDraft = {
  cluster: string;
  diskTemplate: string;
  placement: "auto" | "group" | "nodes";
  group: string;
  pnode: string;
  snode: string;
  network: string;
  memory: number;
  vcpus: string;
  disk: number;
  message: string;
  overrideQuota: boolean;
};

const PREFERRED_TEMPLATES = ["plain", "drbd", "file"];

export const firstTemplate = (c: ReviewCluster | undefined) => {
  const offered = c?.offer?.diskTemplates ?? [];
  return PREFERRED_TEMPLATES.find((t) => offered.includes(t)) ?? offered[0] ?? "plain";
};

export function initialApproveDraft(r: RequestView, clusters: ReviewCluster[]): ApproveDraft {
  const usable = clusters.filter((c) => !c.readOnly);
  const cluster = usable.find((c) => c.slug === r.preferredCluster) ?? usable[0];
  return {
    cluster: cluster?.slug ?? "",
    diskTemplate: firstTemplate(cluster),
    placement: "auto",
    group: "",
    pnode: "",
    snode: "",
    network: r.network,
    memory: r.memory,
    vcpus: String(r.vcpus),
    disk: r.disk,
    message: "",
    overrideQuota: false,
  };
}

/** The owner's usage there once this VM exists (disk counts nothing for a diskless VM), and what goes over, in words. */
export function quotaAfter(c: ReviewCluster, d: ApproveDraft): { usedAfter: Resources; over: string | null } {
  const disk = d.diskTemplate === "diskless" ? 0 : d.disk;
  const usedAfter = { memory: c.used.memory + (d.memory || 0), vcpus: c.used.vcpus + (Number(d.vcpus) || 0), disk: c.used.disk + (disk || 0) };
  return { usedAfter, over: overdraw(c.limits, usedAfter) };
}

export function approveBody(d: ApproveDraft, over: boolean) {
  return {
    cluster: d.cluster,
    diskTemplate: d.diskTemplate,
    ...(d.placement === "group" && d.group ? { group: d.group } : {}),
    ...(d.placement === "nodes" && d.pnode ? { pnode: d.pnode } : {}),
    ...(d.placement === "nodes" && d.snode && d.diskTemplate === "drbd" ? { snode: d.snode } : {}),
    network: d.network,
    memory: d.memory,
    vcpus: d.vcpus.trim() === "" ? NaN : Number(d.vcpus),
    disk: d.disk,
    message: d.message,
    overrideQuota: over && d.overrideQuota,
  };
}
