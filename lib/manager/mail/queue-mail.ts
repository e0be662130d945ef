// Writing e-mail: one MailMessage per recipient, in the caller's transaction, so a message exists exactly when what it
// tells of happened. Delivery is lib/mail's, after the commit: "queued" ones go out through SMTP; without SMTP they
// are kept as "outbox" for admins to read.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { MailSettings } from "./mail-settings";
import type { Mail } from "./mail-texts";

type MailWriter = Pick<Db, "mailMessage"> | Prisma.TransactionClient;

export async function queueMail(db: MailWriter, settings: MailSettings, to: string[], mail: Mail, extra: { broadcastId?: string } = {}): Promise<number> {
  const recipients = [...new Set(to.map((address) => address.trim().toLowerCase()).filter(Boolean))];
  if (!recipients.length) return 0;
  const status = settings.delivery === "smtp" ? "queued" : "outbox";
  await db.mailMessage.createMany({ data: recipients.map((address) => ({ to: address, subject: mail.subject, text: mail.text, kind: mail.kind, status, broadcastId: extra.broadcastId ?? null })) });
  return recipients.length;
}

const slot = Symbol.for("gantry.mail.wake");

/** Tells the delivery loop (if this process runs one) that mail is waiting, so it need not wait for its next round. */
export function wakeMailDelivery(): void {
  (globalThis as { [slot]?: () => void })[slot]?.();
}

/** The delivery loop registers itself here (lib/mail). */
export function onMailQueued(listener: (() => void) | undefined): void {
  (globalThis as { [slot]?: () => void })[slot] = listener;
}
