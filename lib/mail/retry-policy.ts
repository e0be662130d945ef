// What happens to a message after a failed attempt: tried again later (1 min, 5 min, 30 min, 2 h, 6 h after the
// 1st…5th failure), given up after the 6th, or at once when the recipient's server said the address does not exist.
const MINUTE = 60_000;
export const RETRY_DELAYS_MS = [1, 5, 30, 120, 360].map((minutes) => minutes * MINUTE);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long a claimed ("sending") message stays claimed: one left by a crash is taken up again after this. */
export const CLAIM_MS = 10 * MINUTE;

/** The fields nodemailer puts on its errors (NodemailerError). */
type SmtpError = Error & { code?: string; response?: string; responseCode?: number; command?: string };

/** The server's own words when it answered ("550 5.1.1 <x@example.org>: no such user"), else what went wrong locally. */
export function smtpErrorText(error: unknown): string {
  const e = error as SmtpError;
  const text = typeof e?.response === "string" && e.response.trim() ? e.response.trim() : e instanceof Error ? e.message : String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/**
 * A rejection that will not change by trying again: a 5xx answer to RCPT TO whose enhanced status code is 5.1.x
 * (no such mailbox, no such domain, bad address syntax — RFC 3463). Every other failure is retried on the schedule:
 * 4xx answers, lost connections and timeouts, and also 5xx answers that usually mean Gantry's own set-up is wrong
 * (535 authentication failed, "550 5.7.1 relaying denied" when the URL lacks credentials), so that fixing the
 * set-up within the retry period still delivers everything; those too end as failed after the last attempt.
 */
export function isPermanentRejection(error: unknown): boolean {
  const e = error as SmtpError;
  if (e?.command !== "RCPT TO" || !e.responseCode || e.responseCode < 500 || e.responseCode > 599) return false;
  return /^\d{3}[\s-]+5\.1\.\d{1,3}\b/.test(e.response ?? "");
}

export type AfterFailure = { status: "queued"; nextAttemptAt: Date } | { status: "failed" };

/** attempts: how many have failed, this one included. */
export function afterFailedAttempt(attempts: number, error: unknown, at: Date): AfterFailure {
  if (isPermanentRejection(error) || attempts >= MAX_ATTEMPTS) return { status: "failed" };
  return { status: "queued", nextAttemptAt: new Date(at.getTime() + RETRY_DELAYS_MS[attempts - 1]!) };
}
