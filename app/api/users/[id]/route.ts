// PATCH: change a user {name?, isAdmin?, isActive?} (superusers; never one's own isAdmin or isActive to false).
import { db } from "@/lib/db/client";
import { updateUser } from "@/lib/manager/users/update-user";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PATCH = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await updateUser({ db: db() }, { actor, user: (await params).id, input: await jsonBody(request) })));
