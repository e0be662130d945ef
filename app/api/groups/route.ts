// GET: every group with its members (superusers). POST: create one {name, description?}.
import { db } from "@/lib/db/client";
import { createGroup } from "@/lib/manager/groups/create-group";
import { listGroups } from "@/lib/manager/groups/list-groups";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async (actor) => json(await listGroups({ db: db() }, { actor })));

export const POST = (request: Request) => withActor(async (actor) => json(await createGroup({ db: db() }, { actor, input: await jsonBody(request) }), 201));
