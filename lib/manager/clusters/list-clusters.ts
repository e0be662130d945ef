// The clusters registry as a superuser sees it (other users will see the clusters they hold permissions on, with the
// permissions issue's use cases). Never any secret.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { clusterView, type ClusterView } from "./cluster-view";

export async function listClusters({ db }: { db: Pick<Db, "cluster"> }, { actor }: { actor: Actor }): Promise<ClusterView[]> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only a superuser may list the clusters' settings.");
  return (await db.cluster.findMany({ orderBy: { slug: "asc" } })).map(clusterView);
}
