"use client";
// One job on its own page: followed live until it ends, with Cancel while it has not started.
import Link from "next/link";
import { CancelJobButton } from "./cancel-job-button";
import { JobView } from "./job-view";
import { useJob } from "./use-job";

export function JobPage({ cluster, id }: { cluster: string; id: number }) {
  const job = useJob(cluster, id);
  const cancellable = job.data && (job.data.status === "queued" || job.data.status === "waiting");
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500"><Link href={`/jobs?cluster=${encodeURIComponent(cluster)}`} className="hover:underline">Jobs</Link> / {cluster}</nav>
      <h1 className="text-2xl font-semibold tracking-tight">Job {id} on {cluster}</h1>
      {job.data && (
        <p className="text-sm text-slate-600">{Array.isArray(job.data.summary) ? job.data.summary.join(", ") : job.data.summary}</p>
      )}
      {cancellable && <CancelJobButton cluster={cluster} id={id} />}
      <JobView cluster={cluster} id={id} title={`Job ${id}`} />
    </div>
  );
}
