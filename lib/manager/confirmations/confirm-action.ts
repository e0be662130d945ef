// Following a confirmation link: the link is claimed — marked used in the one write that checks it is unused, unexpired
// and the actor's, so two clicks at once run the action once — then the action runs through its own use case as the
// actor, now: the permission is checked again (an owner who lost the VM meanwhile is refused), quotas, the job and its
// audit row as for any action. A link that cannot be used is refused saying why, and the attempt audited.
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { instanceObject } from "@/lib/manager/instances/instance-target";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { findConfirmation, unusableBecause } from "./confirmation-state";
import { confirmedAction } from "./show-confirmation";

/** The job to follow, with the title of what it does. */
export type Confirmed = Submitted & { label: string };

export async function confirmAction(deps: JobDeps, { actor, token }: { actor: Actor; token: string }): Promise<Confirmed> {
  const { db } = deps;
  const now = new Date();
  const row = await findConfirmation(db, token);
  const cluster = row ? await findCluster(db, row.clusterId) : undefined;
  const object = row && cluster ? instanceObject({ cluster, instance: { name: row.instanceName } }) : undefined;
  const refuse = async () => {
    const problem = (await unusableBecause(db, await findConfirmation(db, token), actor, now))!;
    await recordAudit(db, actor, { action: "instance.confirm", result: "refused", object, clusterId: cluster?.id, message: problem.message });
    return problem;
  };
  if (!row || !cluster || (await unusableBecause(db, row, actor, now))) throw await refuse();

  const { spec, params } = confirmedAction(row);
  const claimed = await db.$transaction(async (tx) => {
    const taken = await tx.actionConfirmation.updateMany({ where: { id: row.id, userId: actor.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (taken.count !== 1) return false;
    await recordAudit(tx, actor, {
      action: "instance.confirm",
      result: "success",
      object,
      clusterId: cluster.id,
      after: { action: spec.action, ...params },
    });
    return true;
  });
  // Someone else's click won the claim a moment ago: the link reads as used now.
  if (!claimed) throw await refuse();
  const submitted = await spec.run(deps, { actor, ref: { cluster: cluster.slug, name: row.instanceName }, input: params });
  return { ...submitted, label: spec.title(row.instanceName, params) };
}
