// What the outbox page shows of an e-mail: everything but its text in the list, the text when one is opened.
import type { MailMessage } from "@/lib/generated/prisma/client";

export type MailItem = {
  id: string;
  to: string;
  subject: string;
  kind: string;
  /** queued, sent, failed or outbox (kept here: no SMTP server is set). */
  status: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  sentAt: string | null;
};

export type MailDetail = MailItem & { text: string };

export const MAIL_STATUSES = ["queued", "sent", "failed", "outbox"] as const;

export function mailItem(m: Omit<MailMessage, "text" | "nextAttemptAt" | "broadcastId">): MailItem {
  return { id: m.id, to: m.to, subject: m.subject, kind: m.kind, status: m.status, attempts: m.attempts, lastError: m.lastError, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null };
}
