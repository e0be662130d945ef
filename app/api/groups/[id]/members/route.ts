// PUT: replace a group's members {members: [user id or e-mail, …]} (superusers).
import { db } from "@/lib/db/client";
import { setGroupMembers } from "@/lib/manager/groups/set-group-members";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PUT = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await setGroupMembers({ db: db() }, { actor, group: (await params).id, input: await jsonBody(request) })));
