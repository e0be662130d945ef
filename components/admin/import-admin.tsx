"use client";
// GWM's import page for one cluster: orphans to adopt, records of gone VMs to purge, owner tags to rewrite.
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ImportGone } from "./import-gone";
import { ImportMismatched } from "./import-mismatched";
import { ImportOrphans } from "./import-orphans";
import type { ImportReport } from "./types";

export function ImportAdmin({ slug }: { slug: string }) {
  const report = useQuery({ queryKey: ["import", slug], queryFn: () => fetchJson<ImportReport>(`/api/clusters/${encodeURIComponent(slug)}/import`) });
  if (report.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (report.isError) return <ErrorAlert error={report.error} />;
  const { orphans, gone, mismatched, syncedAt } = report.data;
  return (
    <>
      <div className="mb-4 flex items-center gap-3 text-sm text-slate-600">
        <span>As of the last sync: {syncedAt ? new Date(syncedAt).toLocaleString() : "never"}.</span>
        <button type="button" className={secondaryButton} disabled={report.isFetching} onClick={() => void report.refetch()}>
          {report.isFetching ? "Reloading…" : "Reload"}
        </button>
      </div>
      <ImportOrphans slug={slug} orphans={orphans} />
      <ImportMismatched slug={slug} mismatched={mismatched} />
      <ImportGone slug={slug} gone={gone} />
    </>
  );
}
