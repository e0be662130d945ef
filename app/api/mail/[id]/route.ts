// GET: one e-mail with its text (superusers).
import { db } from "@/lib/db/client";
import { getMail } from "@/lib/manager/mail/get-mail";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await getMail({ db: db() }, { actor, id: (await params).id })));
