// The VM a use case acts on: its cluster, its cached row (the cache is how the manager knows a VM exists; one just
// created appears with the next sync), its owner (InstanceOwner, the source of truth) and the actor's access.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { CachedInstance, Cluster } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess, type Access, type Target } from "@/lib/manager/access/access";
import { findCluster } from "@/lib/manager/clusters/find-cluster";

export type InstanceTarget = { cluster: Cluster; instance: CachedInstance; owner: string; access: Access; target: Target };

export type InstanceRef = { cluster: string; name: string };

export async function loadInstanceTarget(db: Db, actor: Actor, ref: InstanceRef): Promise<InstanceTarget> {
  const cluster = await findCluster(db, ref.cluster);
  const instance = await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: ref.name } } });
  if (!instance) throw new AppError("not_found", `No VM '${ref.name}' on cluster ${cluster.slug} (a VM made moments ago appears with the next sync).`);
  const owner = (await db.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId: cluster.id, instanceName: instance.name } } }))?.persona ?? "";
  const access = await loadAccess(db, actor);
  return { cluster, instance, owner, access, target: { clusterId: cluster.id, instanceName: instance.name, owner } };
}

export const instanceObject = (t: { cluster: Cluster; instance: { name: string } }) => ({ type: "instance", id: `${t.cluster.slug}/${t.instance.name}`, name: t.instance.name });

/** The manager submits no job to a read-only cluster (one marked so, or one without RAPI credentials). */
export function ensureWritable(cluster: Cluster): void {
  if (cluster.readOnly) throw new AppError("conflict", `Cluster ${cluster.slug} is read-only in Gantry; a superuser can change that in its settings.`);
  if (!cluster.rapiUser) throw new AppError("conflict", `Cluster ${cluster.slug} has no RAPI user, so Gantry can only read it; a superuser can add credentials in its settings.`);
}
