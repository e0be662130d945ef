// A superuser tests a saved cluster's connection now: the answer says whether it works and, if not, why; a success
// refreshes the cluster's reported name and RAPI version.
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import type { ClusterDeps } from "./add-cluster";
import { endpointOf, probeCluster } from "./cluster-connection";
import { clusterView, type ClusterView } from "./cluster-view";
import { findCluster } from "./find-cluster";

export type ClusterTest = { ok: true; cluster: ClusterView } | { ok: false; error: string; cluster: ClusterView };

export async function testCluster({ db, box, connect }: ClusterDeps, { actor, cluster: which }: { actor: Actor; cluster: string }): Promise<ClusterTest> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only a superuser may test a cluster's connection.");
  const cluster = await findCluster(db, which);
  try {
    const probe = await probeCluster(connect, endpointOf(cluster, box));
    const updated = await db.cluster.update({ where: { id: cluster.id }, data: { name: probe.name, rapiVersion: probe.rapiVersion, lastTestedAt: new Date() } });
    return { ok: true, cluster: clusterView(updated) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, error: error.message, cluster: clusterView(cluster) };
  }
}
