"use client";
// The queue's filters, kept in the page's URL (bookmarkable, Back works): status, a text search (applied after a
// pause in typing) and the preferred cluster.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { field, label, secondaryButton } from "@/components/ui/styles";
import { useDebouncedSearch } from "@/components/ui/use-debounced-search";
import { REQUEST_STATUSES } from "@/lib/manager/requests/request-status";
import { fetchJson } from "@/lib/web/fetch-json";
import { queueHref, type QueueQuery } from "./review-query";
import type { RequestFormOptions } from "./types";

export function ReviewFilters({ query }: { query: QueueQuery }) {
  const router = useRouter();
  const clusters = useQuery({ queryKey: ["request-options", ""], queryFn: () => fetchJson<RequestFormOptions>("/api/requests/options"), staleTime: 60_000 });
  const go = (change: QueueQuery) => router.replace(queueHref(query, { ...change, page: undefined }), { scroll: false });
  const search = useDebouncedSearch(query.q ?? "", (q) => go({ q }));
  return (
    <form role="search" aria-label="Filter requests" className="mb-4 grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" onSubmit={(e) => { e.preventDefault(); search.now(); }}>
      <div>
        <label htmlFor="queue-search" className={label}>Search</label>
        <input id="queue-search" type="search" className={field} value={search.text} placeholder="host name, applicant's e-mail or purpose" onChange={(e) => search.setText(e.target.value)} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="queue-status" className={label}>Status</label>
        <select id="queue-status" className={field} value={query.status ?? "pending"} onChange={(e) => go({ status: e.target.value === "pending" ? undefined : e.target.value })}>
          {REQUEST_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          <option value="any">any status</option>
        </select>
      </div>
      <div>
        <label htmlFor="queue-cluster" className={label}>Preferred cluster</label>
        <select id="queue-cluster" className={field} value={query.cluster ?? ""} onChange={(e) => go({ cluster: e.target.value || undefined })}>
          <option value="">Any</option>
          {(clusters.data?.clusters ?? []).map((c) => <option key={c.slug} value={c.slug}>{c.slug}</option>)}
        </select>
      </div>
      <button type="button" className={`${secondaryButton} h-9.5`} disabled={!query.status && !query.q && !query.cluster}
        onClick={() => { search.reset(); router.replace("/applications/review", { scroll: false }); }}>
        Clear filters
      </button>
    </form>
  );
}
