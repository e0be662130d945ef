// GET: one VM request, for its applicant, its owner group's members and reviewers (404 for anyone else); reviewers
// also get the owner's usage and quota on each cluster they approve onto, and what those clusters offer.
import { getRequest } from "@/lib/manager/requests/get-request";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await getRequest(clusterDeps(), { actor, id: (await params).id })));
