// POST: reset a user's password (superusers): {password} sets it; no body (or {}) generates one, answered once.
import { db } from "@/lib/db/client";
import { resetPassword } from "@/lib/manager/users/reset-password";
import { json, optionalJsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await resetPassword({ db: db() }, { actor, user: (await params).id, input: await optionalJsonBody(request) })));
