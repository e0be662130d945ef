// The create wizard's live check: what is wrong with a request as it stands — each field's problem, the instance
// policy, the name taken, the owner's quota after this VM, each NIC and parameter — without submitting anything.
// createInstance checks all of it again (and the cluster after it); this only lets the user see it before pressing
// "Create". A problem's field is the request's ("memory"), or for NICs and parameters the one it is in ("nics.1",
// "osparams.image", "hvparams.boot_order"). Hypervisor parameters are checked when the request names the hypervisor
// (the wizard does, with the cluster's default).
import type { Actor } from "@/lib/manager/actor";
import { createInstanceInput } from "./create-instance";
import { policyProblems, type IPolicy } from "./instance-policy";
import { userPersona } from "@/lib/manager/personas/persona";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { overdraw, quotaLimits, quotaUsage, type Limits, type Resources } from "@/lib/manager/quotas/quota-usage";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { allows, loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { hvparamProblems } from "./hvparam-allow-list";

const NESTED = new Set(["nics", "osparams", "hvparams"]);
const fieldOf = (path: PropertyKey[]): string => (NESTED.has(String(path[0])) && path.length > 1 ? `${String(path[0])}.${String(path[1])}` : String(path[0] ?? ""));

export type CreateProblem = { field: string; message: string };
export type CreateCheck = { ok: boolean; problems: CreateProblem[]; quota: { persona: string; limits: Limits; usedAfter: Resources } | null };

export async function checkCreate({ db }: { db: Db }, { actor, input, ipolicy }: { actor: Actor; input: unknown; ipolicy?: IPolicy | null }): Promise<CreateCheck> {
  const parsed = createInstanceInput.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: fieldOf(i.path), message: i.code === "unrecognized_keys" ? `Unknown field(s): ${i.keys.join(", ")}.` : i.message }));
    return { ok: false, problems, quota: null };
  }
  const fields = parsed.data;
  const problems: CreateProblem[] = [];
  const cluster = await findCluster(db, fields.cluster);
  // The same gate as the create: who may create here, and for whom (else the check would reveal others' usage).
  const access = await loadAccess(db, actor);
  await authorize(db, access, "cluster.create_vm", { clusterId: cluster.id }, { action: "instance.check_create", object: { type: "instance", id: `${cluster.slug}/${fields.name}`, name: fields.name } });
  const persona = fields.owner ?? userPersona(actor.id);
  if (!access.personas.includes(persona as never) && !allows(access, "cluster.permissions", { clusterId: cluster.id })) {
    throw new AppError("forbidden", "Owner: you may create VMs only for yourself or a group you belong to.");
  }
  if (await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: fields.name } } })) problems.push({ field: "name", message: `Name: cluster ${cluster.slug} already has a VM '${fields.name}'.` });
  if (fields.diskTemplate === "diskless" && fields.disks.length) problems.push({ field: "disks", message: "Disks: a diskless VM has none." });
  if (fields.diskTemplate !== "diskless" && !fields.disks.length) problems.push({ field: "disks", message: "Disks: give at least one disk size." });
  problems.push(...policyProblems(ipolicy ?? undefined, { memory: fields.memory, vcpus: fields.vcpus, disks: fields.disks, nics: fields.nics.length, diskTemplate: fields.diskTemplate }));
  if (fields.hypervisor) {
    const mayAny = allows(access, "cluster.any_hvparams", { clusterId: cluster.id });
    problems.push(...hvparamProblems(fields.hypervisor, fields.hvparams, mayAny).map(({ field, message }) => ({ field, message })));
  }
  const { isDefault: _isDefault, ...limits } = await quotaLimits(db, cluster.id, persona);
  const used = await quotaUsage(db, cluster.id, persona);
  const adds = { memory: fields.start ? fields.memory : 0, vcpus: fields.start ? fields.vcpus : 0, disk: fields.disks.reduce((s, d) => s + d, 0) };
  const usedAfter = { memory: used.memory + adds.memory, vcpus: used.vcpus + adds.vcpus, disk: used.disk + adds.disk };
  const over = actor.isAdmin ? null : overdraw(limits, usedAfter);
  if (over) problems.push({ field: "quota", message: `Over quota: ${over}.` });
  return { ok: problems.length === 0, problems, quota: { persona, limits, usedAfter } };
}
