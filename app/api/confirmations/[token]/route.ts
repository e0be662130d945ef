// GET /api/confirmations/<token>: what a confirmation link mailed to the signed-in user will do. POST: do it now
// (202 with the job to follow, {jobId, cluster, recordId, label}); a link that cannot be used is refused saying why.
import { confirmAction } from "@/lib/manager/confirmations/confirm-action";
import { showConfirmation } from "@/lib/manager/confirmations/show-confirmation";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await showConfirmation(clusterDeps(), { actor, token: (await params).token })));

export const POST = (_request: Request, { params }: Context) => withActor(async (actor) => json(await confirmAction(clusterDeps(), { actor, token: (await params).token }), 202));
