// POST /api/instances/<cluster>/<name>/startup|shutdown|reboot|migrate: a job on the VM (202 with its id). An
// optional JSON body carries the options: shutdown {timeout}, reboot {type, timeout}, migrate {mode, targetNode, cleanup}.
import { AppError } from "@/lib/errors/app-error";
import { migrateInstance } from "@/lib/manager/instances/migrate-instance";
import { POWER_ACTIONS, powerInstance, type PowerAction } from "@/lib/manager/instances/power-instance";
import { json, optionalJsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string; action: string }> };

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const { action, ...ref } = await params;
    const input = await optionalJsonBody(request);
    if (action === "migrate") return json(await migrateInstance(clusterDeps(), { actor, ref, input }), 202);
    if (!(POWER_ACTIONS as readonly string[]).includes(action)) throw new AppError("not_found", `No action '${action}' on a VM: startup, shutdown, reboot or migrate.`);
    return json(await powerInstance(clusterDeps(), { actor, ref, action: action as PowerAction, input }), 202);
  });
