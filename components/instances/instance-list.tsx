"use client";
// The VM list for the filters in the URL: one page from the server (sorted and filtered there, so it stays fast at
// any size), refreshed every few seconds so that statuses stay live, with an empty state that says what to do.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, primaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { InstanceFilters } from "./instance-filters";
import { listHref, listQueryString, type ListQuery } from "./instance-query";
import { InstanceTable } from "./instance-table";
import { ListPager } from "./list-pager";
import type { InstanceList as List, ListedCluster } from "./types";

export function InstanceList({ query, me }: { query: ListQuery; me: string }) {
  const qs = listQueryString(query);
  const list = useQuery({
    queryKey: ["instances", qs],
    queryFn: () => fetchJson<List>(`/api/instances${qs ? `?${qs}` : ""}`),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: false,
  });
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  const canCreate = (clusters.data ?? []).some((c) => c.permissions.some((p) => p === "create_vm" || p === "admin" || p === "superuser"));
  const { q: _q, page: _page, ...rest } = query;
  const filtered = Boolean(query.cluster || query.status || query.q || query.owner || query.node || query.template || query.tag);

  return (
    <>
      <InstanceFilters key={JSON.stringify(rest)} query={query} me={me} clusters={(clusters.data ?? []).map((c) => c.slug)} />
      <p className="mb-3 text-sm text-slate-600" role="status">
        {list.data ? `${list.data.total.toLocaleString("en")} virtual machine${list.data.total === 1 ? "" : "s"}${filtered ? " match" : ""}` : list.isPending ? "Loading…" : ""}
      </p>
      <ErrorAlert error={list.error} />
      {list.data && list.data.total === 0 && (
        <div className={`${card} px-6 py-12 text-center`}>
          <p className="font-medium text-slate-800">{filtered ? "No virtual machine matches these filters." : "You have no virtual machines yet."}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? "Clear a filter or search for another name." : canCreate ? "Create one: it takes a minute." : "Ask an administrator for a VM, or for the right to create one on a cluster."}
          </p>
          <div className="mt-4 flex justify-center gap-3">
            {filtered && <Link className={primaryButton} href={listHref({})}>Show all</Link>}
            {!filtered && canCreate && <Link className={primaryButton} href="/instances/new">Create a VM</Link>}
          </div>
        </div>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <InstanceTable items={list.data.items} query={query} busy={list.isPlaceholderData} />
          <ListPager label="Virtual machine pages" page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} href={(page) => listHref(query, { page: String(page) })} />
        </>
      )}
    </>
  );
}
