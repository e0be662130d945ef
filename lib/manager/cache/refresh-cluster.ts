// A superuser asks for a cluster's cache to be synced now (GWM's "Refresh"): the sync loop picks it up within a second.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { requestSync } from "./sync-loop";

export async function refreshCluster({ db }: { db: Db }, { actor, cluster: which }: { actor: Actor; cluster: string }): Promise<void> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only a superuser may refresh a cluster's cache.");
  await requestSync(db, (await findCluster(db, which)).id);
}
