// A cluster admin sets the cluster's default quota, or a persona's override (or removes the override, so that the
// default applies again). An empty (null) resource means unlimited, as in GWM.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { resolvePersona } from "@/lib/manager/personas/resolve-persona";

const amount = (what: string) => z.number({ message: `${what}: a whole number ≥ 0, or null for unlimited.` }).int(`${what}: a whole number ≥ 0, or null for unlimited.`).min(0, `${what}: a whole number ≥ 0, or null for unlimited.`).nullable();

export const setQuotaInput = z
  .object({
    cluster: z.string().trim().min(1, "Cluster: its short name."),
    /** Absent: the cluster's default. */
    persona: z.string().optional(),
    memory: amount("Memory (MiB)"),
    disk: amount("Disk (MiB)"),
    vcpus: amount("vCPUs"),
  })
  .strict();

export const removeQuotaInput = z.object({ cluster: z.string().trim().min(1), persona: z.string() }).strict();

export async function setQuota({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const fields = parseInput(setQuotaInput, input);
  const cluster = await findCluster(db, fields.cluster);
  const object = { type: "quota", id: `${cluster.slug}/${fields.persona ?? "default"}`, name: fields.persona ?? "default" };
  await authorize(db, await loadAccess(db, actor), "cluster.quotas", { clusterId: cluster.id }, { action: "quota.set", object });
  const limits = { memory: fields.memory, disk: fields.disk, vcpus: fields.vcpus };
  if (!fields.persona) {
    await db.$transaction(async (tx) => {
      await tx.cluster.update({ where: { id: cluster.id }, data: { quotaMemory: limits.memory, quotaDisk: limits.disk, quotaVcpus: limits.vcpus } });
      await recordAudit(tx, actor, { action: "quota.set", result: "success", object, clusterId: cluster.id, before: { memory: cluster.quotaMemory, disk: cluster.quotaDisk, vcpus: cluster.quotaVcpus }, after: limits });
    });
    return { cluster: cluster.slug, persona: null, ...limits };
  }
  const persona = await resolvePersona(db, fields.persona, "Persona");
  await db.$transaction(async (tx) => {
    const key = { clusterId_persona: { clusterId: cluster.id, persona: persona.persona } };
    const before = await tx.quota.findUnique({ where: key });
    await tx.quota.upsert({ where: key, create: { clusterId: cluster.id, persona: persona.persona, ...limits }, update: limits });
    await recordAudit(tx, actor, { action: "quota.set", result: "success", object: { ...object, name: persona.label }, clusterId: cluster.id, persona: persona.persona, before: before && { memory: before.memory, disk: before.disk, vcpus: before.vcpus }, after: limits });
  });
  return { cluster: cluster.slug, persona: persona.persona, ...limits };
}

/** Drops a persona's override: the cluster's default applies to it again. */
export async function removeQuota({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<void> {
  const fields = parseInput(removeQuotaInput, input);
  const cluster = await findCluster(db, fields.cluster);
  const object = { type: "quota", id: `${cluster.slug}/${fields.persona}`, name: fields.persona };
  await authorize(db, await loadAccess(db, actor), "cluster.quotas", { clusterId: cluster.id }, { action: "quota.remove", object });
  await db.$transaction(async (tx) => {
    const key = { clusterId_persona: { clusterId: cluster.id, persona: fields.persona } };
    const before = await tx.quota.findUnique({ where: key });
    if (!before) return;
    await tx.quota.delete({ where: key });
    await recordAudit(tx, actor, { action: "quota.remove", result: "success", object, clusterId: cluster.id, persona: fields.persona, before: { memory: before.memory, disk: before.disk, vcpus: before.vcpus } });
  });
}
