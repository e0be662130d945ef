// GET ?cluster=: the cluster's nodes from the cache (role, flags, capacity, instance counts), for cluster-wide viewers.
import { db } from "@/lib/db/client";
import { listNodes } from "@/lib/manager/nodes/list-nodes";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => withActor(async (actor) => json(await listNodes({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));
