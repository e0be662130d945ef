// GET: one node from the cache with its primary and secondary VMs.
import { db } from "@/lib/db/client";
import { getNode } from "@/lib/manager/nodes/list-nodes";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await getNode({ db: db() }, { actor, ...(await params) })));
