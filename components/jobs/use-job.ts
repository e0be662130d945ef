"use client";
// One job, live: GET /api/jobs/CLUSTER/ID every second until the job is final (then once more is never needed: a
// final job does not change).
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/web/fetch-json";
import type { JobDetail } from "./types";

export function useJob(cluster: string, id: number) {
  return useQuery({
    queryKey: ["job", cluster, id],
    queryFn: () => fetchJson<JobDetail>(`/api/jobs/${encodeURIComponent(cluster)}/${id}`),
    refetchInterval: (query) => (query.state.data?.final || query.state.error ? false : 1_000),
    refetchIntervalInBackground: true,
    staleTime: 0,
    retry: 2,
  });
}
