// GET ?cluster=: the VM templates the user may create from, each saying whether they may change it (canEdit).
// POST: a new template {cluster?, name, description?, diskTemplate, disks, memory, vcpus, os?} (cluster admins;
// without a cluster, superusers).
import { db } from "@/lib/db/client";
import { listTemplates, saveTemplate } from "@/lib/manager/templates/manage-templates";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => withActor(async (actor) => json(await listTemplates({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));

export const POST = (request: Request) => withActor(async (actor) => json(await saveTemplate({ db: db() }, { actor, input: await jsonBody(request) }), 201));
