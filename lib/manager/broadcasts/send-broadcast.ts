// An admin's notice to the owners of VMs (spec §7.4, ganetimgr's mass mail): the recipients resolved now, and in one
// transaction the Broadcast row (its scope and count, the archive), one message per recipient listing their VMs in the
// scope, and the audit row broadcast.send. A scope whose VMs have no owner to tell is refused, saying so.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { broadcastMail } from "@/lib/manager/mail/notice-texts";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { broadcastCluster } from "./broadcast-cluster";
import { parseBroadcast } from "./broadcast-input";
import { broadcastRecipients } from "./broadcast-recipients";

export type SentBroadcast = { id: string; recipients: number; instances: number };

// Hundreds of messages are written in one transaction: give it time.
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 };

export async function sendBroadcast({ db, mail }: { db: Db; mail: MailSettings }, { actor, input }: { actor: Actor; input: unknown }): Promise<SentBroadcast> {
  const { subject, text, ...scope } = parseBroadcast(input);
  const cluster = await broadcastCluster(db, actor, scope.cluster, "broadcast.send");
  const found = await broadcastRecipients(db, cluster, scope);
  if (!found.recipients.length) {
    throw new AppError("wrong_input", found.instances ? `Nobody to tell: the VMs chosen (${found.instances}) have no owner with an active account.` : "Nobody to tell: there are no VMs in what was chosen.");
  }
  const chosen = { cluster: cluster.slug, ...(scope.node ? { node: scope.node } : {}), ...(scope.instances ? { instances: scope.instances } : {}) };
  // The cluster's id too: the archive shows a cluster admin the broadcasts of their clusters.
  const stored = { ...chosen, clusterId: cluster.id };
  const id = await db.$transaction(async (tx) => {
    const broadcast = await tx.broadcast.create({ data: { senderId: actor.id, subject, text, scope: JSON.stringify(stored), recipients: found.recipients.length } });
    for (const recipient of found.recipients) {
      await queueMail(tx, mail, [recipient.email], broadcastMail(mail.appUrl, { subject, text, sender: actor.email, cluster: cluster.slug, instances: recipient.instances }), { broadcastId: broadcast.id });
    }
    await recordAudit(tx, actor, {
      action: "broadcast.send",
      result: "success",
      object: { type: "broadcast", id: broadcast.id, name: subject },
      clusterId: cluster.id,
      after: { scope: chosen, vms: found.instances, recipients: found.recipients.length },
    });
    return broadcast.id;
  }, TRANSACTION_OPTIONS);
  wakeMailDelivery();
  return { id, recipients: found.recipients.length, instances: found.instances };
}
