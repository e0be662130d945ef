// GET: what the create wizard offers on this cluster (disk templates, operating systems, instance policy, nodes,
// the personas the user may create for with their quotas, VM templates), for those who may create VMs there.
import { createOptions } from "@/lib/manager/instances/create-options";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await createOptions(clusterDeps(), { actor, cluster: (await params).cluster })));
