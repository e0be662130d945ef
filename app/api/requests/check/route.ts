// POST: check a request (same body as POST /api/requests) without filing it: {ok, problems: [{field, message}],
// quota: {cluster, persona, limits, usedAfter} | null (when a cluster is preferred), limits (the admin's sizes)}.
import { db } from "@/lib/db/client";
import { checkRequest } from "@/lib/manager/requests/check-request";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => withActor(async (actor) => json(await checkRequest({ db: db() }, { actor, input: await jsonBody(request) })));
