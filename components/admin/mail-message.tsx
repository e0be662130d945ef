"use client";
// One e-mail as it was written: headers and the plain text.
import { useQuery } from "@tanstack/react-query";
import { shortTime } from "@/components/jobs/job-href";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, secondaryButton } from "@/components/ui/styles";
import type { MailDetail } from "@/lib/manager/mail/mail-view";
import { fetchJson } from "@/lib/web/fetch-json";

export function MailMessageView({ id, onClose }: { id: string; onClose: () => void }) {
  const message = useQuery({ queryKey: ["mail-message", id], queryFn: () => fetchJson<MailDetail>(`/api/mail/${encodeURIComponent(id)}`), retry: false });
  const m = message.data;
  return (
    <section aria-label="Message" className={`${card} space-y-3`}>
      <div className="flex items-start justify-between gap-4">
        <h2 className="text-base font-semibold">{m?.subject ?? "Message"}</h2>
        <button type="button" className={secondaryButton} onClick={onClose}>Close</button>
      </div>
      <ErrorAlert error={message.error} />
      {m && (
        <>
          <p className="text-sm text-slate-600">To {m.to} · written {shortTime(m.createdAt)} · {m.status}{m.sentAt ? ` ${shortTime(m.sentAt)}` : ""}</p>
          <pre className="whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-sm text-slate-900">{m.text}</pre>
        </>
      )}
    </section>
  );
}
