// GET: what the cache does not keep of the VM, live from its cluster (hypervisor parameters, NIC modes and links,
// disk modes; the cluster's operating systems for those who may reinstall it).
import { instanceLive } from "@/lib/manager/instances/instance-live";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await instanceLive(clusterDeps(), { actor, ref: await params })));
