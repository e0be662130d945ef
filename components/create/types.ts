// The create wizard's data: what /api/clusters/SLUG/create-options offers, what the user has chosen so far, and the
// request it becomes (the body of POST /api/instances and of its dry run, POST /api/instances/check).
import type { CreateProblem } from "@/lib/manager/instances/check-create";
import type { CreateOptions } from "@/lib/manager/instances/create-options";
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
  /** Each NIC's fields as typed; "" takes the cluster's default. */
  nics: NicDraft[];
  osparams: ParamRow[];
  /** The allowed hypervisor parameters by name; "" takes the cluster's value, flags are "true" or "false". */
  hvparams: Record<string, string>;
  /** Other hypervisor parameters (offered to cluster admins only). */
  extraHvparams: ParamRow[];
};

export type NicDraft = { network: string; mode: string; link: string; ip: string; mac: string };
export type ParamRow = { key: string; value: string };
export const emptyNic = (): NicDraft => ({ network: "", mode: "", link: "", ip: "", mac: "" });

export type CreateRequest = {
  cluster: string; name: string; owner: string; diskTemplate: string; disks: number[]; memory: number; vcpus: number; os: string; pnode?: string; snode?: string; start: boolean;
  nics: Array<Partial<NicDraft>>; osparams: Record<string, string>; hypervisor?: string; hvparams: Record<string, string | boolean>;
};

export const needsSecondary = (diskTemplate: string) => diskTemplate === "drbd";

type Offered = Pick<CreateOptions, "cluster" | "hypervisor" | "hvparams">;

const rowsRecord = (rows: ParamRow[]) => Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));

/** The hypervisor parameters asked for: the allowed ones given a value (flags as booleans), then the others. */
function hvparamsOf(offered: Offered, d: Draft): Record<string, string | boolean> {
  const flags = new Set(offered.hvparams.filter((s) => s.kind === "flag").map((s) => s.name));
  const chosen = Object.entries(d.hvparams).filter(([, v]) => v !== "").map(([k, v]) => [k, flags.has(k) ? v === "true" : v]);
  return { ...Object.fromEntries(chosen), ...rowsRecord(d.extraHvparams) };
}

export function toRequest(offered: Offered, d: Draft): CreateRequest {
  const manual = d.placement === "manual";
  const hvparams = hvparamsOf(offered, d);
  return {
    cluster: offered.cluster,
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
    nics: d.nics.map((nic) => Object.fromEntries(Object.entries(nic).filter(([, v]) => v.trim() !== "")) as Partial<NicDraft>),
    osparams: rowsRecord(d.osparams),
    // The hypervisor the parameters are for, so that they are checked (and the VM made) for it.
    ...(Object.keys(hvparams).length ? { hypervisor: offered.hypervisor } : {}),
    hvparams,
  };
}

/** What the browser can see is wrong before asking the server: a parameter named twice, a value without a name. */
export function draftProblems(d: Draft): CreateProblem[] {
  const problems: CreateProblem[] = [];
  const rows = (list: ParamRow[], what: string, prefix: string, taken: string[] = []) => {
    const seen = new Set(taken);
    for (const row of list) {
      const key = row.key.trim();
      if (!key && row.value) problems.push({ field: prefix, message: `${what}: the value '${row.value}' has no name.` });
      else if (key && seen.has(key)) problems.push({ field: `${prefix}.${key}`, message: `${what} ${key}: given twice.` });
      seen.add(key);
    }
  };
  rows(d.osparams, "OS parameter", "osparams");
  rows(d.extraHvparams, "Hypervisor parameter", "hvparams", Object.keys(d.hvparams).filter((k) => d.hvparams[k] !== ""));
  return problems;
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
    nics: [emptyNic()],
    osparams: [],
    hvparams: {},
    extraHvparams: [],
  };
}
