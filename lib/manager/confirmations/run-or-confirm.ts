// The one place that decides whether a destructive action on a VM (delete, reinstall, rename) runs now or waits for
// a link mailed to the one who asked. It waits when the admin's setting asks for confirmations and the actor holds
// the right only through the VM itself — as its owner (the user, or a member of the owning group) or by a permission
// granted on that VM. A superuser, or a holder of the rule's permission on the whole cluster (a cluster admin), acts
// at once: they answer for the cluster, and mailing them about each VM would only train them to click.
import type { Actor } from "@/lib/manager/actor";
import { allows } from "@/lib/manager/access/access";
import { loadInstanceTarget, type InstanceRef } from "@/lib/manager/instances/instance-target";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { readRequestSettings } from "@/lib/manager/settings/request-settings";
import { DESTRUCTIVE_ACTIONS, type DestructiveKind } from "./destructive-actions";
import { requestConfirmation, type ConfirmationSent } from "./request-confirmation";

export type { ConfirmationSent };

/** A job to follow, or the link was mailed ({confirmation: "sent", to, expiresAt}). */
export type RunOrConfirmed = Submitted | ConfirmationSent;

export async function runOrConfirm(deps: JobDeps, request: { actor: Actor; ref: InstanceRef; kind: DestructiveKind; input?: unknown }): Promise<RunOrConfirmed> {
  const { actor, ref, kind } = request;
  const spec = DESTRUCTIVE_ACTIONS[kind];
  const runNow = () => spec.run(deps, { actor, ref, input: spec.parse(request.input ?? {}) });
  if (actor.isAdmin || !(await readRequestSettings(deps.db)).confirmDestructive) return runNow();
  const target = await loadInstanceTarget(deps.db, actor, ref);
  if (allows(target.access, spec.rule, { clusterId: target.cluster.id })) return runNow();
  return requestConfirmation(deps, { actor, target, spec, input: request.input ?? {} });
}
