// POST: sync this cluster's cache now (within a second); 202. The cluster's syncedAt and syncError tell the outcome.
import { refreshCluster } from "@/lib/manager/cache/refresh-cluster";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const POST = (_request: Request, { params }: { params: Promise<{ cluster: string }> }) =>
  withActor(async (actor) => {
    await refreshCluster(clusterDeps(), { actor, cluster: (await params).cluster });
    return json({ requested: true }, 202);
  });
