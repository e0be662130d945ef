// GET: hbal's plan for the cluster, per node group (moves, commands, score before and after). POST: plan again from
// the cluster's current state and submit every move, chained by job dependencies (202). Cluster admins.
import { executeRebalance, previewRebalance } from "@/lib/manager/clusters/rebalance";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await previewRebalance(clusterDeps(), { actor, cluster: (await params).cluster })));

export const POST = (_request: Request, { params }: Context) => withActor(async (actor) => json(await executeRebalance(clusterDeps(), { actor, cluster: (await params).cluster }), 202));
