// The clusters a user deals with, never with a secret: all of them for a superuser; for anyone else the clusters
// where they hold a permission or see a VM (owned or granted), each with the cluster permissions they hold — a
// cluster admin who is not a superuser finds their clusters' admin pages from here.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { grantedInstances, loadAccess } from "@/lib/manager/access/access";
import { clusterView, type ClusterView } from "./cluster-view";

export type ListedCluster = ClusterView & { permissions: string[] };

export async function listClusters({ db }: { db: Db }, { actor }: { actor: Actor }): Promise<ListedCluster[]> {
  const clusters = await db.cluster.findMany({ orderBy: { slug: "asc" } });
  if (actor.isAdmin) return clusters.map((c) => ({ ...clusterView(c), permissions: ["superuser"] }));
  const access = await loadAccess(db, actor);
  const owning = await db.instanceOwner.findMany({ where: { persona: { in: access.personas } }, distinct: ["clusterId"], select: { clusterId: true } });
  const involved = new Set([...access.cluster.keys(), ...grantedInstances(access).keys(), ...owning.map((o) => o.clusterId)]);
  return clusters.filter((c) => involved.has(c.id)).map((c) => ({ ...clusterView(c), permissions: [...(access.cluster.get(c.id) ?? [])].sort() }));
}
