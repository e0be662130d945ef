// PATCH: rename a group or change its description {name?, description?}. DELETE: delete it with its permissions and
// quotas (409 while it owns VMs). Superusers; the group by id or name.
import { db } from "@/lib/db/client";
import { deleteGroup } from "@/lib/manager/groups/delete-group";
import { updateGroup } from "@/lib/manager/groups/update-group";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PATCH = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await updateGroup({ db: db() }, { actor, group: (await params).id, input: await jsonBody(request) })));

export const DELETE = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    await deleteGroup({ db: db() }, { actor, group: (await params).id });
    return new Response(null, { status: 204 });
  });
