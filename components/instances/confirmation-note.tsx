// What the page shows instead of a job when a destructive action waits for the owner's confirmation by e-mail.
import { shortTime } from "@/components/jobs/job-href";
import type { ConfirmationSent } from "./types";

/** "We sent a confirmation link to you@example.org (valid until …)." */
export const confirmationSentText = (sent: ConfirmationSent) => `We sent a confirmation link to ${sent.to} (valid until ${shortTime(sent.expiresAt)}).`;

export function ConfirmationNote({ sent }: { sent: ConfirmationSent & { label: string } }) {
  return (
    <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">{sent.label}: waiting for your confirmation</p>
      <p className="mt-1">{confirmationSentText(sent)} Nothing happens until you follow it; a newer request for the same action replaces it.</p>
    </div>
  );
}
