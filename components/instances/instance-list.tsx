"use client";
// The VM list for the filters in the URL: one page from the server (sorted and filtered there, so it stays fast at
// any size), refreshed every few seconds so that statuses stay live, with an empty state that says what to do.
// VMs selected on the page take bulk actions, sent VM by VM through the API as from each VM's page; their jobs are
// followed below the bar, and the list looks again every second for a while as each one ends.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { useSelection } from "@/components/ui/selection";
import { card, primaryButton } from "@/components/ui/styles";
import { useBatch } from "@/components/ui/use-batch";
import { fetchJson } from "@/lib/web/fetch-json";
import { BULK_ACTIONS, notSelectableBecause, vmCount, vmKey, type BulkKind, type BulkRequest } from "./bulk-actions";
import { BulkBar } from "./bulk-bar";
import { BulkProgress } from "./bulk-progress";
import { InstanceFilters } from "./instance-filters";
import { listHref, listQueryString, type ListQuery } from "./instance-query";
import { InstanceTable } from "./instance-table";
import { ListPager } from "./list-pager";
import type { ConfirmationSent, InstanceList as List, InstanceListItem, ListedCluster, Submitted } from "./types";
import { sendVmRequest } from "./use-vm-action";

export function InstanceList({ query, me }: { query: ListQuery; me: string }) {
  const queryClient = useQueryClient();
  const qs = listQueryString(query);
  const [settleUntil, setSettleUntil] = useState(0);
  const list = useQuery({
    queryKey: ["instances", qs],
    queryFn: () => fetchJson<List>(`/api/instances${qs ? `?${qs}` : ""}`),
    placeholderData: keepPreviousData,
    refetchInterval: () => (Date.now() < settleUntil ? 1_000 : 10_000),
    retry: false,
  });
  const items = list.data?.items ?? [];
  const selection = useSelection(items.filter((vm) => notSelectableBecause(vm) === null).map(vmKey));
  // A selection belongs to the page it was made on: another page, filter or order starts empty.
  const [selectionFor, setSelectionFor] = useState(qs);
  if (selectionFor !== qs) {
    setSelectionFor(qs);
    selection.clear();
  }
  const selected = items.filter((vm) => selection.isSelected(vmKey(vm)));
  const batch = useBatch<Submitted | ConfirmationSent>();
  const [batchTitle, setBatchTitle] = useState("");
  // The cache syncs as a job ends: look again every second for a while so that the list shows the outcome.
  const settle = useCallback(() => {
    setSettleUntil(Date.now() + 8_000);
    void queryClient.invalidateQueries({ queryKey: ["instances"] });
  }, [queryClient]);
  const runBulk = (kind: BulkKind, targets: InstanceListItem[], request: BulkRequest) => {
    setBatchTitle(`${BULK_ACTIONS[kind].verb}: ${vmCount(targets.length)}`);
    selection.clear();
    void batch.run(targets.map((vm) => ({ name: vm.name, send: () => sendVmRequest(vm.cluster, vm.name, request) }))).then(settle);
  };
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  const canCreate = (clusters.data ?? []).some((c) => c.permissions.some((p) => p === "create_vm" || p === "admin" || p === "superuser"));
  const mayNotify = (slug: string) => (clusters.data ?? []).some((c) => c.slug === slug && c.permissions.some((p) => p === "admin" || p === "superuser"));
  const { q: _q, page: _page, ...rest } = query;
  const filtered = Boolean(query.cluster || query.status || query.q || query.owner || query.node || query.template || query.tag);

  return (
    <>
      <InstanceFilters key={JSON.stringify(rest)} query={query} me={me} clusters={(clusters.data ?? []).map((c) => c.slug)} />
      <p className="mb-3 text-sm text-slate-600" role="status">
        {list.data ? `${list.data.total.toLocaleString("en")} virtual machine${list.data.total === 1 ? "" : "s"}${filtered ? " match" : ""}` : list.isPending ? "Loading…" : ""}
      </p>
      <ErrorAlert error={list.error} />
      {selected.length > 0 && <BulkBar selected={selected} busy={batch.state.running} onRun={runBulk} onClear={selection.clear} mayNotify={mayNotify} />}
      <BulkProgress title={batchTitle} state={batch.state} onSettled={settle} onDismiss={batch.reset} />
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
          <InstanceTable items={list.data.items} query={query} busy={list.isPlaceholderData}
            selection={{ isSelected: selection.isSelected, toggle: selection.toggle, setAll: selection.setAll, count: selection.selected.length, selectable: selection.names.length }} />
          <ListPager label="Virtual machine pages" page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} href={(page) => listHref(query, { page: String(page) })} />
        </>
      )}
    </>
  );
}
