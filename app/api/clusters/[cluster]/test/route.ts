// POST: test a saved cluster's connection now; {ok, cluster} or {ok: false, error, cluster}.
import { testCluster } from "@/lib/manager/clusters/test-cluster";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const POST = (_request: Request, { params }: { params: Promise<{ cluster: string }> }) =>
  withActor(async (actor) => json(await testCluster(clusterDeps(), { actor, cluster: (await params).cluster })));
