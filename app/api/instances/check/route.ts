// POST: check a create request (same body as POST /api/instances) without submitting it: {ok, problems: [{field,
// message}], quota: {persona, limits, usedAfter}}. The instance policy is checked in the browser with the policy from
// /api/clusters/<cluster>/create-options (lib/manager/instances/instance-policy.ts); the create checks it all again.
import { db } from "@/lib/db/client";
import { checkCreate } from "@/lib/manager/instances/check-create";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => withActor(async (actor) => json(await checkCreate({ db: db() }, { actor, input: await jsonBody(request) })));
