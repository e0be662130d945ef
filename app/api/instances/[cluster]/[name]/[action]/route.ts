// POST /api/instances/<cluster>/<name>/<action>: a job on the VM (202 with its id). The JSON body, optional for most,
// carries the options:
//   startup | shutdown {timeout} | reboot {type, timeout} | migrate {mode, targetNode, cleanup}
//   failover {targetNode, ignoreConsistency, timeout} | rename {newName} | reinstall {os} | grow-disk {disk, amount}
//   replace-disks {mode: auto|primary|secondary|newSecondary, remoteNode}
// A rename or reinstall that must be confirmed by e-mail first answers 202 {confirmation: "sent", to, expiresAt}
// instead (lib/manager/confirmations/run-or-confirm.ts).
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { runOrConfirm, type RunOrConfirmed } from "@/lib/manager/confirmations/run-or-confirm";
import { failoverInstance } from "@/lib/manager/instances/failover-instance";
import { growDisk } from "@/lib/manager/instances/grow-disk";
import type { InstanceRef } from "@/lib/manager/instances/instance-target";
import { migrateInstance } from "@/lib/manager/instances/migrate-instance";
import { POWER_ACTIONS, powerInstance, type PowerAction } from "@/lib/manager/instances/power-instance";
import { replaceDisks } from "@/lib/manager/instances/replace-disks";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { json, optionalJsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string; action: string }> };
type Run = (deps: JobDeps, request: { actor: Actor; ref: InstanceRef; input: unknown }) => Promise<RunOrConfirmed>;

const ACTIONS: Record<string, Run> = {
  ...Object.fromEntries(POWER_ACTIONS.map((action): [string, Run] => [action, (deps, r) => powerInstance(deps, { ...r, action: action as PowerAction })])),
  migrate: migrateInstance,
  failover: failoverInstance,
  rename: (deps, r) => runOrConfirm(deps, { ...r, kind: "rename" }),
  reinstall: (deps, r) => runOrConfirm(deps, { ...r, kind: "reinstall" }),
  "grow-disk": growDisk,
  "replace-disks": replaceDisks,
};

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const { action, ...ref } = await params;
    const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!run) throw new AppError("not_found", `No action '${action}' on a VM: ${Object.keys(ACTIONS).join(", ")}.`);
    return json(await run(clusterDeps(), { actor, ref, input: await optionalJsonBody(request) }), 202);
  });
