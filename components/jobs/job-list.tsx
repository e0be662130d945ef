"use client";
// A cluster's jobs, newest first, a page at a time, filtered by status; refreshed every few seconds so that running
// jobs move on by themselves. Queued and waiting jobs can be canceled from here.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ListPager } from "@/components/instances/list-pager";
import type { ListedCluster } from "@/components/instances/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, field, label, table, tableCard, td, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { CancelJobButton } from "./cancel-job-button";
import { jobHref, shortTime } from "./job-href";
import { JobStatusBadge } from "./job-status-badge";
import { JOB_STATUSES, type JobList as List } from "./types";

export type JobQuery = { cluster?: string; status?: string; page?: string };

const href = (query: JobQuery) => {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as Array<[string, string]>).toString();
  return qs ? `/jobs?${qs}` : "/jobs";
};

export function JobList({ query }: { query: JobQuery }) {
  const router = useRouter();
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  const cluster = query.cluster ?? clusters.data?.[0]?.slug;
  const qs = new URLSearchParams(Object.entries({ ...query, cluster }).filter(([, v]) => v) as Array<[string, string]>).toString();
  const jobs = useQuery({ queryKey: ["jobs", qs], queryFn: () => fetchJson<List>(`/api/jobs?${qs}`), enabled: Boolean(cluster), placeholderData: keepPreviousData, refetchInterval: 3_000, retry: false });
  const go = (change: JobQuery) => router.replace(href({ ...query, cluster, ...change, page: undefined }), { scroll: false });

  if (clusters.isError) return <ErrorAlert error={clusters.error} />;
  if (clusters.data && clusters.data.length === 0) return <p className={`${card} text-sm text-slate-600`}>You deal with no cluster yet, so there are no jobs to show.</p>;
  return (
    <>
      <form role="search" aria-label="Filter jobs" className="mb-4 grid gap-3 sm:max-w-xl sm:grid-cols-2" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="job-cluster" className={label}>Cluster</label>
          <select id="job-cluster" className={field} value={cluster ?? ""} onChange={(e) => go({ cluster: e.target.value })}>
            {(clusters.data ?? []).map((c) => <option key={c.slug} value={c.slug}>{c.slug}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="job-status" className={label}>Status</label>
          <select id="job-status" className={field} value={query.status ?? ""} onChange={(e) => go({ status: e.target.value || undefined })}>
            <option value="">Any status</option>
            {JOB_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </form>
      <ErrorAlert error={jobs.error} />
      {jobs.data && (
        <>
          <div className={tableCard}>
            <table className={table} aria-label={`Jobs on ${jobs.data.cluster}`}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>Job</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>Operations</th>
                  <th scope="col" className={`${th} hidden md:table-cell`}>Received</th>
                  <th scope="col" className={`${th} hidden md:table-cell`}>Ended</th>
                  <th scope="col" className={th}><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.items.map((job) => (
                  <tr key={job.id} className="hover:bg-slate-50">
                    <th scope="row" className={`${td} font-medium`}><Link className="text-brand-700 hover:underline" href={jobHref(jobs.data.cluster, job.id)}>#{job.id}</Link></th>
                    <td className={td}><JobStatusBadge status={job.status} /></td>
                    <td className={`${td} max-w-md truncate font-mono text-xs text-slate-700`} title={job.summary}>{job.summary}</td>
                    <td className={`${td} hidden whitespace-nowrap text-slate-600 md:table-cell`}>{shortTime(job.receivedAt)}</td>
                    <td className={`${td} hidden whitespace-nowrap text-slate-600 md:table-cell`}>{shortTime(job.endedAt)}</td>
                    <td className={td}>{(job.status === "queued" || job.status === "waiting") && <CancelJobButton cluster={jobs.data.cluster} id={job.id} />}</td>
                  </tr>
                ))}
                {jobs.data.items.length === 0 && <tr><td colSpan={6} className="px-3 py-10 text-center text-sm text-slate-500">{query.status ? `No ${query.status} jobs on ${jobs.data.cluster}.` : `No jobs on ${jobs.data.cluster} that you may see yet. Jobs appear here when you act on a VM.`}</td></tr>}
              </tbody>
            </table>
          </div>
          <ListPager label="Job pages" page={jobs.data.page} pageSize={jobs.data.pageSize} total={jobs.data.total} href={(page) => href({ ...query, cluster, page: String(page) })} />
        </>
      )}
      {!jobs.data && jobs.isPending && <p className="text-sm text-slate-500">Loading…</p>}
    </>
  );
}
