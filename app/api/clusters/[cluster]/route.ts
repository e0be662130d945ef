// PATCH: change a cluster's settings (tested first when the connection changes). DELETE: remove it from the manager.
import { removeCluster } from "@/lib/manager/clusters/remove-cluster";
import { updateCluster } from "@/lib/manager/clusters/update-cluster";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const PATCH = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await updateCluster(clusterDeps(), { actor, cluster: (await params).cluster, input: await jsonBody(request) })));

export const DELETE = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    await removeCluster(clusterDeps(), { actor, cluster: (await params).cluster });
    return new Response(null, { status: 204 });
  });
