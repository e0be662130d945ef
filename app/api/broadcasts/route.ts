// GET /api/broadcasts: the archive of notices sent to VM owners (superusers: all; cluster admins: their clusters').
// POST {cluster, node? | instances?, subject, text}: send one to the owners of those VMs (201 {id, recipients, instances}).
import { listBroadcasts } from "@/lib/manager/broadcasts/list-broadcasts";
import { sendBroadcast } from "@/lib/manager/broadcasts/send-broadcast";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { mailingDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async (actor) => json(await listBroadcasts(mailingDeps(), { actor })));

export const POST = (request: Request) => withActor(async (actor) => json(await sendBroadcast(mailingDeps(), { actor, input: await jsonBody(request) }), 201));
