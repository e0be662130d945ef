"use client";
// The ten newest jobs of a cluster the user may see (all of them for cluster-wide viewers), moving on live.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { jobHref, shortTime } from "@/components/jobs/job-href";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import type { JobList } from "@/components/jobs/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

export function RecentJobs({ slug }: { slug: string }) {
  const jobs = useQuery({ queryKey: ["jobs", `cluster=${slug}&pageSize=10`], queryFn: () => fetchJson<JobList>(`/api/jobs?cluster=${encodeURIComponent(slug)}&pageSize=10`), refetchInterval: 5_000, retry: false });
  return (
    <div className={card} role="group" aria-labelledby={`jobs-${slug}`}>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h3 id={`jobs-${slug}`} className="text-sm font-semibold text-slate-900">Recent jobs on {slug}</h3>
        <Link href={`/jobs?cluster=${encodeURIComponent(slug)}`} className="text-sm text-brand-700 hover:underline">All jobs</Link>
      </div>
      <ErrorAlert error={jobs.error} />
      {jobs.data && jobs.data.items.length === 0 && <p className="text-sm text-slate-500">No jobs yet. Every action on a VM or node runs as a job and shows up here.</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <ul aria-label={`Recent jobs on ${slug}`} className="divide-y divide-slate-100 text-sm">
          {jobs.data.items.map((job) => (
            <li key={job.id} className="flex items-center gap-2 py-1.5">
              <Link href={jobHref(slug, job.id)} className="shrink-0 font-medium text-brand-700 hover:underline">#{job.id}</Link>
              <JobStatusBadge status={job.status} />
              <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-700" title={job.summary}>{job.summary}</span>
              <span className="hidden shrink-0 text-xs text-slate-500 sm:inline">{shortTime(job.endedAt ?? job.receivedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
