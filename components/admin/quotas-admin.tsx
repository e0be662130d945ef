"use client";
// A cluster's quotas: the default, each persona's limits and usage, and (for its admins) the forms that change them.
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, table, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { QuotaDefaultForm } from "./quota-default-form";
import { QuotaOverrideForm } from "./quota-override-form";
import { QuotaRow } from "./quota-row";
import type { QuotaList } from "./types";

export function QuotasAdmin({ slug }: { slug: string }) {
  const quotas = useQuery({ queryKey: ["quotas", slug], queryFn: () => fetchJson<QuotaList>(`/api/clusters/${encodeURIComponent(slug)}/quotas`) });
  if (quotas.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (quotas.isError) return <ErrorAlert error={quotas.error} />;
  const { default: limits, canEdit, quotas: rows } = quotas.data;
  return (
    <>
      <QuotaDefaultForm slug={slug} limits={limits} canEdit={canEdit} />
      {canEdit && <QuotaOverrideForm slug={slug} />}
      <h2 className="mb-3 text-lg font-medium">{canEdit ? "Users and groups" : "Your quotas"}</h2>
      <div className={`${card} overflow-x-auto p-0`}>
        <table className={table} aria-label="Quotas and usage">
          <thead>
            <tr>
              <th scope="col" className={th}>User or group</th>
              <th scope="col" className={th}>Memory</th>
              <th scope="col" className={th}>Disk</th>
              <th scope="col" className={th}>vCPUs</th>
              {canEdit && <th scope="col" className={th}>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((q) => <QuotaRow key={q.persona} slug={slug} quota={q} canEdit={canEdit} />)}
            {rows.length === 0 && <tr><td colSpan={5} className="px-3 py-6 text-center text-sm text-slate-500">No overrides, owners or pending requests on this cluster yet.</td></tr>}
          </tbody>
        </table>
      </div>
    </>
  );
}
