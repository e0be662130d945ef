// GET: every user account with its groups (superusers). POST: create one {email, name, password, isAdmin?}.
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/manager/users/create-user";
import { listUsers } from "@/lib/manager/users/list-users";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async (actor) => json(await listUsers({ db: db() }, { actor })));

export const POST = (request: Request) => withActor(async (actor) => json(await createUser({ db: db() }, { actor, input: await jsonBody(request) }), 201));
