"use client";
// Every e-mail Gantry wrote, newest first, filtered by status, kind and recipient, with one message's text opened
// below the list. Says plainly when nothing is sent because no SMTP server is set.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { shortTime } from "@/components/jobs/job-href";
import { ErrorAlert } from "@/components/ui/error-alert";
import { badge, card, field, label, secondaryButton, table, tableCard, td, th } from "@/components/ui/styles";
import type { MailList } from "@/lib/manager/mail/list-mail";
import { MAIL_STATUSES } from "@/lib/manager/mail/mail-view";
import { fetchJson } from "@/lib/web/fetch-json";
import { MailMessageView } from "./mail-message";

type Filters = { status: string; kind: string; to: string; page: number };

export function MailOutbox() {
  const [filters, setFilters] = useState<Filters>({ status: "", kind: "", to: "", page: 1 });
  const [open, setOpen] = useState<string | null>(null);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "").map(([k, v]) => [k, String(v)])).toString();
  const list = useQuery({ queryKey: ["mail", qs], queryFn: () => fetchJson<MailList>(`/api/mail?${qs}`), placeholderData: keepPreviousData, refetchInterval: 10_000, retry: false });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="space-y-4">
      {data?.delivery === "outbox" && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Mail is not sent: GANTRY_SMTP_URL is not set; messages are kept here.</p>
      )}
      {data?.delivery === "smtp" && <p className="text-sm text-slate-600">Mail is sent through the SMTP server set in GANTRY_SMTP_URL; every message is also kept here.</p>}
      <form role="search" aria-label="Filter mail" className={`${card} grid gap-3 sm:grid-cols-3`} onSubmit={(e) => e.preventDefault()}>
        <label className={label}>Status
          <select className={field} value={filters.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">any</option>
            {MAIL_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className={label}>Kind
          <input className={field} value={filters.kind} onChange={(e) => set({ kind: e.target.value })} placeholder="request. or request.rejected" />
        </label>
        <label className={label}>Recipient
          <input className={field} value={filters.to} onChange={(e) => set({ to: e.target.value })} placeholder="ann@example.org" />
        </label>
      </form>
      <p className="text-sm text-slate-600" role="status">{data ? `${data.total} message${data.total === 1 ? "" : "s"}` : list.isPending ? "Loading…" : ""}</p>
      <ErrorAlert error={list.error} />
      {data && data.total > 0 && (
        <div className={tableCard}>
          <table className={table} aria-label="Mail">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>Written</th>
                <th scope="col" className={th}>To</th>
                <th scope="col" className={th}>Subject</th>
                <th scope="col" className={th}>Kind</th>
                <th scope="col" className={th}>Status</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.id} className={open === m.id ? "bg-brand-50" : "hover:bg-slate-50"}>
                  <td className={`${td} whitespace-nowrap`}>{shortTime(m.createdAt)}</td>
                  <td className={td}>{m.to}</td>
                  <td className={td}><button type="button" className="text-left text-brand-700 hover:underline" onClick={() => setOpen(m.id)}>{m.subject}</button></td>
                  <td className={td}><span className={badge}>{m.kind}</span></td>
                  <td className={td}>{m.status}{m.lastError && <span className="block text-xs text-red-700">{m.lastError}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && pages > 1 && (
        <nav aria-label="Mail pages" className="flex items-center gap-2 text-sm">
          <button type="button" className={secondaryButton} disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>Previous</button>
          <span className="text-slate-600">Page {filters.page} of {pages}</span>
          <button type="button" className={secondaryButton} disabled={filters.page >= pages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>Next</button>
        </nav>
      )}
      {open && <MailMessageView id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
