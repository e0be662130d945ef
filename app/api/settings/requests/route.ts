// GET: the VM request settings (any signed-in user: the request form shows the limits): {memoryMin, memoryMax,
// vcpusMax, diskMin, diskMax (MiB), confirmDestructive, confirmHours}. PUT: superusers change any of them (audited).
import { db } from "@/lib/db/client";
import { readRequestSettings } from "@/lib/manager/settings/request-settings";
import { updateRequestSettings } from "@/lib/manager/settings/update-request-settings";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async () => json(await readRequestSettings(db())));

export const PUT = (request: Request) => withActor(async (actor) => json(await updateRequestSettings({ db: db() }, { actor, input: await jsonBody(request) })));
