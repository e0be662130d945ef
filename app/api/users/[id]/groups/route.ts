// PUT: replace a user's groups {groups: [id or name, …]} (superusers).
import { db } from "@/lib/db/client";
import { setUserGroups } from "@/lib/manager/users/set-user-groups";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PUT = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await setUserGroups({ db: db() }, { actor, user: (await params).id, input: await jsonBody(request) })));
