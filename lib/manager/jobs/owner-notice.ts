// Owners hear of what others do to their VMs: a job on a VM started by someone outside its owner persona (neither the
// owning user nor a member of the owning group: an administrator, a cluster admin, a holder of a granted permission)
// mails the owner persona's people, in the transaction that records the job. A VM without an owner row has nobody
// to tell; a create is not told here (a VM request's applicant hears of it from lib/manager/requests).
import type { Cluster, Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { actionWords } from "@/lib/manager/mail/action-words";
import { adminActedMail } from "@/lib/manager/mail/mail-texts";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { queueMail } from "@/lib/manager/mail/queue-mail";
import { personaEmails } from "@/lib/manager/mail/recipients";
import { actorPersonas } from "@/lib/manager/personas/actor-personas";

export type OwnerNotice = { actor: Actor; cluster: Pick<Cluster, "id" | "slug">; instanceName: string; action: string; jobId: number };

/** Whether a message was written (the caller wakes the delivery after its commit). */
export async function tellOwnerOfJob(tx: Prisma.TransactionClient, mail: MailSettings, notice: OwnerNotice): Promise<boolean> {
  const { actor, cluster, instanceName, action, jobId } = notice;
  if (!instanceName || action === "instance.create") return false;
  const owner = await tx.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId: cluster.id, instanceName } }, select: { persona: true } });
  if (!owner) return false;
  if ((await actorPersonas(tx, actor.id)).some((persona) => persona === owner.persona)) return false;
  const text = adminActedMail(mail.appUrl, { admin: actor.email, action: actionWords(action), cluster: cluster.slug, instance: instanceName, jobId });
  return (await queueMail(tx, mail, await personaEmails(tx, owner.persona), text)) > 0;
}
