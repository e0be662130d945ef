// One round of delivery: the queued messages that are due go out through SMTP, one at a time, each claimed first.
//
// Claiming is one conditional update (queued → sending), so of two loops (two server processes on one database, or a
// wake during a round) only one sends a message. While a message is "sending", its nextAttemptAt is when the claim
// lapses (now + CLAIM_MS) and doubles as the claim's token: the outcome is written only where it still holds. A
// message still "sending" after that was left by a crash: it goes back to the queue and is sent again — it may have
// arrived already, but a duplicate beats a loss; it keeps its Message-ID, so mail programs can tell it is the same.
import type { Db } from "@/lib/db/client";
import { afterFailedAttempt, CLAIM_MS, MAX_ATTEMPTS, smtpErrorText } from "./retry-policy";
import type { MailTransport } from "./smtp-transport";

type MailDb = Pick<Db, "mailMessage">;

export type DeliveryOptions = {
  /** The From header, e.g. "Gantry <gantry@example.org>" (GANTRY_MAIL_FROM). */
  from: string;
  /** The time the round starts at; later steps add the time elapsed since. */
  now: Date;
  /** Messages to send in this round at most. */
  limit?: number;
  /** Aborted: no further message is taken up (the one being sent is finished). */
  signal?: AbortSignal;
};

export type DeliveryFailure = { to: string; error: string; final: boolean };

export type DeliveryReport = {
  /** Messages taken up this round (sent or not); equal to the limit when more may be waiting. */
  attempted: number;
  sent: number;
  failures: DeliveryFailure[];
  /** Messages found "sending" past their claim (left by a crash): queued again, or given up as their last attempt. */
  interrupted: { requeued: number; failed: number };
};

const INTERRUPTED = "Interrupted: Gantry stopped while sending this message; sent again (the recipient may get it twice).";

export async function deliverQueuedMail(db: MailDb, transport: Pick<MailTransport, "sendMail">, options: DeliveryOptions): Promise<DeliveryReport> {
  const { from, limit = 20, signal } = options;
  const started = performance.now();
  const clock = () => new Date(options.now.getTime() + Math.round(performance.now() - started));
  const report: DeliveryReport = { attempted: 0, sent: 0, failures: [], interrupted: await requeueInterrupted(db, clock()) };
  const domain = from.match(/@([^\s>]+)>?\s*$/)?.[1] ?? "gantry.local";

  while (report.attempted < limit && !signal?.aborted) {
    const message = await claimNext(db, clock());
    if (!message) break;
    report.attempted += 1;
    try {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id}@${domain}>`,
        // RFC 3834: a notification, so out-of-office robots should not answer it.
        headers: { "Auto-Submitted": "auto-generated" },
      });
      await db.mailMessage.updateMany({ where: { id: message.id, status: "sending", nextAttemptAt: message.claim }, data: { status: "sent", sentAt: clock() } });
      report.sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const next = afterFailedAttempt(attempts, error, clock());
      const lastError = smtpErrorText(error);
      await db.mailMessage.updateMany({ where: { id: message.id, status: "sending", nextAttemptAt: message.claim }, data: { attempts, lastError, ...next } });
      report.failures.push({ to: message.to, error: lastError, final: next.status === "failed" });
    }
  }
  return report;
}

async function requeueInterrupted(db: MailDb, now: Date): Promise<DeliveryReport["interrupted"]> {
  const lapsed = { status: "sending", nextAttemptAt: { lte: now } };
  const interrupted = { attempts: { increment: 1 }, lastError: INTERRUPTED };
  // The interruption counts as an attempt, so a message that brings the process down every time is given up.
  const failed = await db.mailMessage.updateMany({ where: { ...lapsed, attempts: { gte: MAX_ATTEMPTS - 1 } }, data: { ...interrupted, status: "failed" } });
  const queued = await db.mailMessage.updateMany({ where: lapsed, data: { ...interrupted, status: "queued", nextAttemptAt: now } });
  return { requeued: queued.count, failed: failed.count };
}

type Claimed = { id: string; to: string; subject: string; text: string; attempts: number; claim: Date };

/** The oldest due message, now "sending" for this round alone; null when none is due. */
async function claimNext(db: MailDb, now: Date): Promise<Claimed | null> {
  for (;;) {
    const due = await db.mailMessage.findFirst({
      where: { status: "queued", nextAttemptAt: { lte: now } },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      select: { id: true, to: true, subject: true, text: true, attempts: true },
    });
    if (!due) return null;
    const claim = new Date(now.getTime() + CLAIM_MS);
    const taken = await db.mailMessage.updateMany({ where: { id: due.id, status: "queued" }, data: { status: "sending", nextAttemptAt: claim } });
    if (taken.count === 1) return { ...due, claim };
    // Another loop took it between the read and the update: look for the next one.
  }
}
