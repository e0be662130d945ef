// GET /api/settings/requests: the limits of VM requests and whether owners confirm destructive actions by e-mail.
// PUT: a superuser changes some of them (the others stay), audited; 200 with all of them.
import { readRequestSettings } from "@/lib/manager/settings/request-settings";
import { updateRequestSettings } from "@/lib/manager/settings/update-request-settings";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async () => json(await readRequestSettings(clusterDeps().db)));

export const PUT = (request: Request) => withActor(async (actor) => json(await updateRequestSettings(clusterDeps(), { actor, input: await jsonBody(request) })));
