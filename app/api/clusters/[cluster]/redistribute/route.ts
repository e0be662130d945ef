// POST: copy the configuration to every master candidate again (a job; 202). Cluster admins.
import { redistributeConfig } from "@/lib/manager/clusters/cluster-overview";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const POST = (_request: Request, { params }: Context) => withActor(async (actor) => json(await redistributeConfig(clusterDeps(), { actor, cluster: (await params).cluster }), 202));
