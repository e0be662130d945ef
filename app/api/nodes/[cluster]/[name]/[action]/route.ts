// POST /api/nodes/<cluster>/<name>/role {role, force?} | migrate {mode?, targetNode?} | evacuate {mode?, remoteNode?}:
// a job on the node (cluster admin or migrate; 202 with its id).
import { AppError } from "@/lib/errors/app-error";
import { evacuateNode, migrateNode, setNodeRole } from "@/lib/manager/nodes/node-actions";
import { json, optionalJsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string; action: string }> };

const ACTIONS = { role: setNodeRole, migrate: migrateNode, evacuate: evacuateNode };

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const { action, ...ref } = await params;
    const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action as keyof typeof ACTIONS] : undefined;
    if (!run) throw new AppError("not_found", `No action '${action}' on a node: role, migrate or evacuate.`);
    return json(await run(clusterDeps(), { actor, ref, input: await optionalJsonBody(request) }), 202);
  });
