// The cluster a broadcast is about, for someone who may mail its VMs' owners: a superuser, or an admin of that cluster.
// A refusal is audited like every other.
import type { Db } from "@/lib/db/client";
import type { Cluster } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { findCluster } from "@/lib/manager/clusters/find-cluster";

export async function broadcastCluster(db: Db, actor: Actor, slug: string, action: string): Promise<Cluster> {
  const cluster = await findCluster(db, slug);
  await authorize(db, await loadAccess(db, actor), "cluster.broadcast", { clusterId: cluster.id }, { action, object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  return cluster;
}
