// POST /api/broadcasts/preview {cluster, node? | instances?}: who a notice to those VMs' owners would reach — the
// number of VMs, those without an owner, the recipients' count and addresses — without sending anything.
import { previewBroadcast } from "@/lib/manager/broadcasts/preview-broadcast";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => withActor(async (actor) => json(await previewBroadcast(clusterDeps(), { actor, input: await jsonBody(request) })));
