// POST: a reviewer rejects a pending or failed request: {message} (required; mailed to the applicant).
import { rejectRequest } from "@/lib/manager/requests/reject-request";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { mailingDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await rejectRequest(mailingDeps(), { actor, id: (await params).id, input: await jsonBody(request) })));
