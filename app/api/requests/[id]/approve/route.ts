// POST: a reviewer approves a pending or failed request (202, the create job's id): {cluster, diskTemplate, pnode?,
// snode?, group?, network?, memory?, vcpus?, disk? (MiB), message?, overrideQuota? (needed beyond the owner's quota;
// audited)}.
import { approveRequest } from "@/lib/manager/requests/approve-request";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { mailingDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await approveRequest(mailingDeps(), { actor, id: (await params).id, input: await jsonBody(request) }), 202));
