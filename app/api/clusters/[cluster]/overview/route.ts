// GET: the cluster's page: its own info (live), groups, capacity and instance counts from the cache.
import { clusterOverview } from "@/lib/manager/clusters/cluster-overview";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await clusterOverview(clusterDeps(), { actor, cluster: (await params).cluster })));
