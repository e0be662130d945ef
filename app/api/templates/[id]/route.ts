// PUT: replace a template's fields (same body as POST /api/templates). DELETE: remove it.
import { db } from "@/lib/db/client";
import { deleteTemplate, saveTemplate } from "@/lib/manager/templates/manage-templates";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PUT = (request: Request, { params }: Context) => withActor(async (actor) => json(await saveTemplate({ db: db() }, { actor, id: (await params).id, input: await jsonBody(request) })));

export const DELETE = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    await deleteTemplate({ db: db() }, { actor, id: (await params).id });
    return new Response(null, { status: 204 });
  });
