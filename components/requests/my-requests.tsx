"use client";
// "My requests": the user's VM requests (and their groups'), newest first, a page at a time, refreshed every few
// seconds so that a decision shows without reloading; a reviewer also gets the way to the queue with how many wait.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ListPager } from "@/components/instances/list-pager";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { RequestTable } from "./request-table";
import type { RequestList } from "./types";

export function MyRequests({ page }: { page: number }) {
  const list = useQuery({
    queryKey: ["requests", "mine", page],
    queryFn: () => fetchJson<RequestList>(`/api/requests?page=${page}`),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: false,
  });
  const data = list.data;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Link href="/applications/new" className={primaryButton}>New request</Link>
        {data?.review && (
          <Link href="/applications/review" className={secondaryButton}>
            Review queue <span className="ml-1 rounded-full bg-amber-100 px-2 text-xs font-medium text-amber-800" aria-label={`${data.review.pending} pending`}>{data.review.pending}</span>
          </Link>
        )}
      </div>
      <h2 className="mb-3 text-lg font-medium">My requests</h2>
      <ErrorAlert error={list.error} />
      {list.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {data && data.total === 0 && (
        <div className={`${card} px-6 py-12 text-center`}>
          <p className="font-medium text-slate-800">You have not asked for a VM yet.</p>
          <p className="mt-1 text-sm text-slate-600">File a request: an approver reviews it, and you get an e-mail when the VM is ready.</p>
        </div>
      )}
      {data && data.total > 0 && (
        <>
          <RequestTable items={data.items} label="My requests" busy={list.isPlaceholderData} />
          <ListPager label="Request pages" page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => `/applications?page=${p}`} />
        </>
      )}
    </>
  );
}
