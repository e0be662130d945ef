// An owner's destructive action waits for their confirmation: checked as the action itself would be (permission,
// a cluster that takes jobs, the options, what Ganeti would refuse), then — in one transaction — any earlier waiting
// confirmation of the same action on the same VM is superseded, the new one stored (the link's hash only), the link
// mailed to the one who asked, and the request audited as instance.confirm_requested.
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { ensureWritable, instanceObject, type InstanceTarget } from "@/lib/manager/instances/instance-target";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { confirmActionMail } from "@/lib/manager/mail/notice-texts";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { hashLinkToken, newLinkToken } from "@/lib/manager/secrets/link-token";
import { readRequestSettings } from "@/lib/manager/settings/request-settings";
import type { DestructiveAction } from "./destructive-actions";

export type ConfirmationSent = { confirmation: "sent"; to: string; expiresAt: string };

/** Used, expired and superseded confirmations are kept this long (what happened stays visible), then dropped. */
const KEEP_MS = 30 * 24 * 3_600_000;

export async function requestConfirmation(
  deps: JobDeps,
  { actor, target: t, spec, input }: { actor: Actor; target: InstanceTarget; spec: DestructiveAction; input: unknown },
): Promise<ConfirmationSent> {
  const { db } = deps;
  const object = instanceObject(t);
  await authorize(db, t.access, spec.rule, t.target, { action: spec.action, object });
  ensureWritable(t.cluster);
  const params = spec.parse(input);
  spec.check?.(t.instance, params);

  const now = new Date();
  const { confirmHours } = await readRequestSettings(db);
  const expiresAt = new Date(now.getTime() + confirmHours * 3_600_000);
  const token = newLinkToken();
  const where = { clusterId: t.cluster.id, instanceName: t.instance.name, action: spec.action };
  const mail = confirmActionMail(deps.mail.appUrl, {
    token,
    title: spec.title(t.instance.name, params),
    effect: spec.effect(t.instance, t.cluster.slug, params),
    cluster: t.cluster.slug,
    instance: t.instance.name,
    to: actor.email,
    expiresAt,
  });
  await db.$transaction(async (tx) => {
    // Only the latest link of an action on a VM works (confirmation-state.ts tells an older one it was superseded).
    await tx.actionConfirmation.updateMany({ where: { ...where, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await tx.actionConfirmation.create({ data: { ...where, tokenHash: hashLinkToken(token), userId: actor.id, params: JSON.stringify(params), createdAt: now, expiresAt } });
    await tx.actionConfirmation.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
    await queueMail(tx, deps.mail, [actor.email], mail);
    await recordAudit(tx, actor, {
      action: "instance.confirm_requested",
      result: "success",
      object,
      clusterId: t.cluster.id,
      after: { action: spec.action, ...params, expiresAt: expiresAt.toISOString() },
      message: `link mailed to ${actor.email}, valid for ${confirmHours} h`,
    });
  });
  wakeMailDelivery();
  return { confirmation: "sent", to: actor.email, expiresAt: expiresAt.toISOString() };
}
