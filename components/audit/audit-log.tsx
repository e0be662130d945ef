"use client";
// The audit log for the filters in the URL: a page of entries, the total, paging, and the same search as a CSV download.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditItem } from "@/components/admin/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { secondaryButton } from "@/components/ui/styles";
import { ApiError, fetchJson } from "@/lib/web/fetch-json";
import { AuditFilterForm } from "./audit-filter-form";
import { AuditPager } from "./audit-pager";
import { queryString, type AuditQuery } from "./audit-query";
import { AuditTable } from "./audit-table";

type AuditPage = { total: number; page: number; pageSize: number; items: AuditItem[] };

export function AuditLog({ query }: { query: AuditQuery }) {
  const qs = queryString(query);
  const log = useQuery({ queryKey: ["audit", qs], queryFn: () => fetchJson<AuditPage>(`/api/audit${qs ? `?${qs}` : ""}`), placeholderData: keepPreviousData, retry: false });
  if (log.error instanceof ApiError && (log.error.status === 403 || log.error.status === 401)) return <ErrorAlert error={log.error} />;
  const { page: _page, ...filters } = query;
  const csv = `/api/audit?${queryString(filters, { format: "csv" })}`;
  return (
    <>
      <AuditFilterForm key={qs} query={query} />
      <div className="mb-3 flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600" role="status">
          {log.data ? `${log.data.total} entr${log.data.total === 1 ? "y" : "ies"}` : log.isPending ? "Loading…" : ""}
          {log.isFetching && log.data ? " (updating…)" : ""}
        </p>
        <a href={csv} download className={secondaryButton}>Download CSV</a>
      </div>
      <ErrorAlert error={log.error} />
      {log.data && (
        <>
          <AuditTable items={log.data.items} />
          <AuditPager query={query} page={log.data.page} pageSize={log.data.pageSize} total={log.data.total} />
        </>
      )}
    </>
  );
}
