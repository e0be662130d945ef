// POST: the applicant withdraws their pending request.
import { db } from "@/lib/db/client";
import { withdrawRequest } from "@/lib/manager/requests/withdraw-request";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = (_request: Request, { params }: Context) => withActor(async (actor) => json(await withdrawRequest({ db: db() }, { actor, id: (await params).id })));
