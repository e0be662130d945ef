"use client";
// The reviewers' queue for the filters in the URL (status — pending unless chosen —, a text, the preferred cluster),
// a page at a time, refreshed every few seconds as other reviewers decide.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ListPager } from "@/components/instances/list-pager";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ReviewFilters } from "./review-filters";
import { queueHref, queueQueryString, type QueueQuery } from "./review-query";
import { RequestTable } from "./request-table";
import type { RequestList } from "./types";

export function ReviewQueue({ query }: { query: QueueQuery }) {
  const qs = queueQueryString({ ...query, queue: "1" });
  const list = useQuery({
    queryKey: ["requests", "queue", qs],
    queryFn: () => fetchJson<RequestList>(`/api/requests?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: false,
  });
  const data = list.data;
  return (
    <>
      <ReviewFilters key={JSON.stringify(query)} query={query} />
      <p className="mb-3 text-sm text-slate-600" role="status">
        {data ? `${data.total.toLocaleString("en")} request${data.total === 1 ? "" : "s"}` : list.isPending ? "Loading…" : ""}
      </p>
      <ErrorAlert error={list.error} />
      {data && data.total === 0 && <div className={`${card} px-6 py-12 text-center text-slate-700`}>No request matches: nothing waits for you here.</div>}
      {data && data.total > 0 && (
        <>
          <RequestTable items={data.items} label="Review queue" queue busy={list.isPlaceholderData} />
          <ListPager label="Queue pages" page={data.page} pageSize={data.pageSize} total={data.total} href={(page) => queueHref(query, { page: String(page) })} />
        </>
      )}
    </>
  );
}
