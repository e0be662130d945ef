// VM templates (GWM's): named presets users pick in the create wizard. A cluster's templates are kept by its admins;
// templates for every cluster by superusers. Anyone signed in lists the templates of the clusters they may create on.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { VmTemplate } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess, type Access } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { templateFields } from "./template-input";

type Deps = { db: Db };

export type TemplateView = Omit<VmTemplate, "clusterId" | "disks"> & { cluster: string | null; disks: number[] };

/** A listed template, and whether the asking user may change or delete it (the admin page offers only those). */
export type ListedTemplate = TemplateView & { canEdit: boolean };

function view(t: VmTemplate, slug: string | null): TemplateView {
  const { clusterId: _clusterId, disks, ...rest } = t;
  return { ...rest, cluster: slug, disks: JSON.parse(disks) as number[] };
}

/** Templates for every cluster are kept by superusers; a cluster's by its admins. */
const mayKeep = (access: Access, clusterId: string | null) => (clusterId === null ? access.actor.isAdmin : allows(access, "cluster.permissions", { clusterId }));

/** May this actor keep templates for this cluster (or for all, clusterId null)? Refusals are audited. */
async function authorizeKeeping(db: Db, actor: Actor, clusterId: string | null, name: string, action: string) {
  const object = { type: "template", id: name, name };
  if (clusterId === null) await requireSuperuser(db, actor, { action, object });
  else await authorize(db, await loadAccess(db, actor), "cluster.permissions", { clusterId }, { action, object });
}

export async function saveTemplate({ db }: Deps, { actor, id, input }: { actor: Actor; id?: string; input: unknown }): Promise<TemplateView> {
  const fields = parseInput(templateFields, input);
  if (fields.diskTemplate === "diskless" ? fields.disks.length > 0 : fields.disks.length === 0) {
    throw new AppError("wrong_input", fields.diskTemplate === "diskless" ? "Disks: a diskless template has none." : "Disks: give at least one disk size.");
  }
  const cluster = fields.cluster ? await findCluster(db, fields.cluster) : null;
  const clusterId = cluster?.id ?? null;
  const existing = id ? await db.vmTemplate.findUnique({ where: { id } }) : null;
  if (id && !existing) throw new AppError("not_found", `No template '${id}'.`);
  const action = existing ? "template.update" : "template.create";
  await authorizeKeeping(db, actor, clusterId, fields.name, action);
  if (existing && existing.clusterId !== clusterId) await authorizeKeeping(db, actor, existing.clusterId, existing.name, action);
  const clash = await db.vmTemplate.findFirst({ where: { clusterId, name: fields.name, ...(id ? { id: { not: id } } : {}) } });
  if (clash) throw new AppError("conflict", `Name: there is a template '${fields.name}' ${clusterId ? "on that cluster" : "for every cluster"} already.`);
  const data = { clusterId, name: fields.name, description: fields.description, diskTemplate: fields.diskTemplate, disks: JSON.stringify(fields.disks), memory: fields.memory, vcpus: fields.vcpus, os: fields.os };
  const saved = await db.$transaction(async (tx) => {
    const row = existing ? await tx.vmTemplate.update({ where: { id: existing.id }, data }) : await tx.vmTemplate.create({ data });
    await recordAudit(tx, actor, { action, result: "success", object: { type: "template", id: row.id, name: row.name }, clusterId, before: existing ?? undefined, after: data });
    return row;
  });
  return view(saved, cluster?.slug ?? null);
}

export async function deleteTemplate({ db }: Deps, { actor, id }: { actor: Actor; id: string }): Promise<void> {
  const existing = await db.vmTemplate.findUnique({ where: { id } });
  if (!existing) throw new AppError("not_found", `No template '${id}'.`);
  await authorizeKeeping(db, actor, existing.clusterId, existing.name, "template.delete");
  await db.$transaction(async (tx) => {
    await tx.vmTemplate.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "template.delete", result: "success", object: { type: "template", id, name: existing.name }, clusterId: existing.clusterId, before: existing });
  });
}

const listInput = z.object({ cluster: z.string().trim().min(1).optional() }).strict();

export async function listTemplates({ db }: Deps, { actor, input = {} }: { actor: Actor; input?: unknown }): Promise<ListedTemplate[]> {
  const { cluster } = parseInput(listInput, input ?? {});
  const access = await loadAccess(db, actor);
  const clusters = cluster ? [await findCluster(db, cluster)] : await db.cluster.findMany();
  const usable = new Map(clusters.filter((c) => allows(access, "cluster.create_vm", { clusterId: c.id })).map((c) => [c.id, c.slug]));
  const rows = await db.vmTemplate.findMany({ where: { OR: [{ clusterId: null }, { clusterId: { in: [...usable.keys()] } }] }, orderBy: [{ name: "asc" }] });
  return rows.map((r) => ({ ...view(r, r.clusterId ? usable.get(r.clusterId)! : null), canEdit: mayKeep(access, r.clusterId) }));
}
