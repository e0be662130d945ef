"use client";
// The audit log's filters; searching puts them in the page's URL (so a search can be bookmarked or shared).
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ClusterView } from "@/components/admin/types";
import { card, field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { AUDIT_FILTERS, queryString, type AuditFilterKey, type AuditQuery } from "./audit-query";

export function AuditFilterForm({ query }: { query: AuditQuery }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState(() => Object.fromEntries(AUDIT_FILTERS.map((k) => [k, query[k] ?? ""])) as Record<AuditFilterKey, string>);
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ClusterView[]>("/api/clusters"), retry: false });
  const set = (key: AuditFilterKey) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const go = (filters: Partial<Record<AuditFilterKey, string>>) => {
    const qs = queryString({ ...filters, ...(query.pageSize ? { pageSize: query.pageSize } : {}) });
    startTransition(() => router.push(qs ? `/audit?${qs}` : "/audit"));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(values);
  };
  const text = (key: AuditFilterKey, title: string, placeholder = "", type = "text") => (
    <label className={label}>{title}
      <input type={type} value={values[key]} onChange={set(key)} className={field} placeholder={placeholder} />
    </label>
  );
  return (
    <form onSubmit={submit} className={`${card} mb-4 grid gap-3 sm:grid-cols-4`} aria-label="Audit log filters">
      <div className="sm:col-span-2">{text("q", "Search", "e-mail, object, action or message", "search")}</div>
      {text("action", "Action (prefix)", "e.g. quota. or user.create")}
      {text("actor", "Actor e-mail", "ada@example.org")}
      <label className={label}>Result
        <select value={values.result} onChange={set("result")} className={field}>
          <option value="">any</option>
          <option value="success">success</option>
          <option value="refused">refused</option>
          <option value="failed">failed</option>
        </select>
      </label>
      {text("objectType", "Object type", "cluster, user, group, quota, instance…")}
      <label className={label}>Cluster
        <select value={values.clusterId} onChange={set("clusterId")} className={field}>
          <option value="">any</option>
          {(clusters.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.slug}</option>)}
          {values.clusterId && !(clusters.data ?? []).some((c) => c.id === values.clusterId) && <option value={values.clusterId}>{values.clusterId}</option>}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-3">
        {text("from", "From", "", "date")}
        {text("to", "To", "", "date")}
      </div>
      <div className="flex items-end gap-2 sm:col-span-4">
        <button type="submit" disabled={pending} className={primaryButton}>{pending ? "Searching…" : "Search"}</button>
        <button type="button" disabled={pending} className={secondaryButton}
          onClick={() => {
            setValues(Object.fromEntries(AUDIT_FILTERS.map((k) => [k, ""])) as Record<AuditFilterKey, string>);
            go({});
          }}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
