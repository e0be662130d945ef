// GET: the clusters the user deals with (all for superusers), with the permissions held on each. POST: add a remote cluster after a connection test (superusers).
import { addCluster } from "@/lib/manager/clusters/add-cluster";
import { listClusters } from "@/lib/manager/clusters/list-clusters";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async (actor) => json(await listClusters(clusterDeps(), { actor })));

export const POST = (request: Request) => withActor(async (actor) => json(await addCluster(clusterDeps(), { actor, input: await jsonBody(request) }), 201));
