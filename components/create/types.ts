// The create wizard's data: what /api/clusters/SLUG/create-options offers, what the user has chosen so far, and the
// request it becomes (the body of POST /api/instances and of its dry run, POST /api/instances/check).
import type { IPolicy } from "@/lib/manager/instances/instance-policy";
export type { CreateOptions } from "@/lib/manager/instances/create-options";
export type { CreateCheck, CreateProblem } from "@/lib/manager/instances/check-create";

export type Draft = {
  owner: string;
  name: string;
  templateId: string;
  os: string;
  diskTemplate: string;
  disks: number[];
  memory: number;
  vcpus: string;
  placement: "auto" | "manual";
  pnode: string;
  snode: string;
  start: boolean;
};

export type CreateRequest = {
  cluster: string; name: string; owner: string; diskTemplate: string; disks: number[]; memory: number; vcpus: number; os: string; pnode?: string; snode?: string; start: boolean;
};

export const needsSecondary = (diskTemplate: string) => diskTemplate === "drbd";

export function toRequest(cluster: string, d: Draft): CreateRequest {
  const manual = d.placement === "manual";
  return {
    cluster,
    name: d.name.trim().toLowerCase(),
    owner: d.owner,
    diskTemplate: d.diskTemplate,
    disks: d.diskTemplate === "diskless" ? [] : d.disks,
    memory: d.memory,
    vcpus: Number(d.vcpus),
    os: d.os,
    ...(manual && d.pnode ? { pnode: d.pnode } : {}),
    ...(manual && d.snode && needsSecondary(d.diskTemplate) ? { snode: d.snode } : {}),
    start: d.start,
  };
}

/** A first draft from what the cluster offers: its standard instance spec where the policy has one. */
export function initialDraft(options: { personas: Array<{ persona: string }>; diskTemplates: string[]; operatingSystems: string[]; ipolicy: IPolicy | null }): Draft {
  const std = options.ipolicy?.std ?? {};
  const preferred = ["plain", "drbd", "file"].find((t) => options.diskTemplates.includes(t)) ?? options.diskTemplates[0] ?? "plain";
  return {
    owner: options.personas[0]?.persona ?? "",
    name: "",
    templateId: "",
    // No OS is preselected unless there is only one: some need parameters (e.g. image=PATH) that the user should know about.
    os: options.operatingSystems.length === 1 ? options.operatingSystems[0]! : "",
    diskTemplate: preferred,
    disks: preferred === "diskless" ? [] : [Math.max(std["disk-size"] ?? 10240, 1024)],
    memory: std["memory-size"] && std["memory-size"] >= 128 ? std["memory-size"] : 1024,
    vcpus: String(std["cpu-count"] ?? 1),
    placement: "auto",
    pnode: "",
    snode: "",
    start: true,
  };
}
