"use client";
// The VM list's filters: cluster, status and a name search (applied as the user types, after a pause). They live in
// the URL, so a filtered list can be bookmarked, shared and reached with Back.
import { useRouter } from "next/navigation";
import { field, label, secondaryButton } from "@/components/ui/styles";
import { useDebouncedSearch } from "@/components/ui/use-debounced-search";
import { DISK_TEMPLATES } from "@/lib/manager/instances/disk-templates";
import { listHref, type ListQuery } from "./instance-query";
import { INSTANCE_STATUSES } from "./instance-status";
import { TextFilter } from "./text-filter";

export function InstanceFilters({ query, clusters, me }: { query: ListQuery; clusters: string[]; me: string }) {
  const router = useRouter();
  const go = (change: ListQuery) => router.replace(listHref(query, { ...change, page: undefined }), { scroll: false });
  const search = useDebouncedSearch(query.q ?? "", (q) => go({ q }));

  const filtered = Boolean(query.cluster || query.status || query.q || query.owner || query.node || query.template || query.tag);
  return (
    <form role="search" aria-label="Filter virtual machines" className="mb-4 grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
      onSubmit={(e) => { e.preventDefault(); search.now(); }}>
      <div>
        <label htmlFor="vm-search" className={label}>Search by name</label>
        <input id="vm-search" type="search" className={field} value={search.text} placeholder="web, db.example.org…" onChange={(e) => search.setText(e.target.value)} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="vm-cluster" className={label}>Cluster</label>
        <select id="vm-cluster" className={field} value={query.cluster ?? ""} onChange={(e) => go({ cluster: e.target.value || undefined })}>
          <option value="">All clusters</option>
          {clusters.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="vm-status" className={label}>Status</label>
        <select id="vm-status" className={field} value={query.status ?? ""} onChange={(e) => go({ status: e.target.value || undefined })}>
          <option value="">Any status</option>
          {Object.keys(INSTANCE_STATUSES).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <button type="button" className={`${secondaryButton} h-9.5`} disabled={!filtered}
        onClick={() => { search.reset(); router.replace(listHref({ sort: query.sort, order: query.order }), { scroll: false }); }}>
        Clear filters
      </button>
      <div className="grid gap-3 sm:col-span-4 sm:grid-cols-4">
        <div>
          <label htmlFor="vm-owner" className={label}>Owner</label>
          <select id="vm-owner" className={field} value={query.owner ?? ""} onChange={(e) => go({ owner: e.target.value || undefined })}>
            <option value="">Anyone</option>
            <option value={me}>Me</option>
            <option value="none">No owner</option>
            {query.owner && query.owner !== me && query.owner !== "none" && <option value={query.owner}>{query.owner}</option>}
          </select>
        </div>
        <div>
          <label htmlFor="vm-template" className={label}>Disk template</label>
          <select id="vm-template" className={field} value={query.template ?? ""} onChange={(e) => go({ template: e.target.value || undefined })}>
            <option value="">Any template</option>
            {DISK_TEMPLATES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <TextFilter id="vm-node" text="Node (primary or secondary)" value={query.node} placeholder="node1.example.org" onApply={(node) => go({ node })} />
        <TextFilter id="vm-tag" text="Tag" value={query.tag} placeholder="env:prod" onApply={(tag) => go({ tag })} />
      </div>
    </form>
  );
}
