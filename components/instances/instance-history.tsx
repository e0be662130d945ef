"use client";
// The VM's history for its admins: the jobs Gantry submitted for it and its audit entries. Anyone else is refused by
// the API (403), and the section is then left out.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { jobHref, shortTime } from "@/components/jobs/job-href";
import { ErrorAlert } from "@/components/ui/error-alert";
import { table, tableCard, td, th } from "@/components/ui/styles";
import { ApiError, fetchJson } from "@/lib/web/fetch-json";
import type { InstanceHistory as History } from "./types";
import { vmPath } from "./use-vm-action";

export function InstanceHistory({ cluster, name }: { cluster: string; name: string }) {
  const history = useQuery({ queryKey: ["instance-history", cluster, name], queryFn: () => fetchJson<History>(`${vmPath(cluster, name)}/history`), retry: false, refetchInterval: 15_000 });
  if (history.error instanceof ApiError && (history.error.status === 403 || history.error.status === 401)) return null;
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <h2 id="history-title" className="text-lg font-medium">History</h2>
      <ErrorAlert error={history.error} />
      {history.data && (
        <div className="space-y-4">
          <div className={tableCard}>
            <table className={table} aria-label="Jobs on this VM">
              <thead><tr><th scope="col" className={th}>Job</th><th scope="col" className={th}>Action</th><th scope="col" className={th}>Status</th><th scope="col" className={th}>Submitted</th></tr></thead>
              <tbody>
                {history.data.jobs.map((job, i) => (
                  <tr key={`${job.jobId}-${i}`}>
                    <td className={td}>{job.jobId !== null ? <Link className="text-brand-700 hover:underline" href={jobHref(cluster, job.jobId)}>#{job.jobId}</Link> : "—"}</td>
                    <td className={`${td} font-mono text-xs`}>{job.action}</td>
                    <td className={td}><JobStatusBadge status={job.status} /></td>
                    <td className={`${td} whitespace-nowrap text-slate-600`}>{shortTime(job.submittedAt)}</td>
                  </tr>
                ))}
                {history.data.jobs.length === 0 && <tr><td colSpan={4} className={`${td} text-slate-500`}>No jobs submitted through Gantry yet.</td></tr>}
              </tbody>
            </table>
          </div>
          <div className={tableCard}>
            <table className={table} aria-label="Audit entries for this VM">
              <thead><tr><th scope="col" className={th}>When</th><th scope="col" className={th}>Who</th><th scope="col" className={th}>Action</th><th scope="col" className={th}>Result</th></tr></thead>
              <tbody>
                {history.data.audit.map((entry, i) => (
                  <tr key={i} title={entry.message || undefined}>
                    <td className={`${td} whitespace-nowrap text-slate-600`}>{shortTime(entry.at)}</td>
                    <td className={td}>{entry.actorEmail}</td>
                    <td className={`${td} font-mono text-xs`}>{entry.action}</td>
                    <td className={`${td} ${entry.result === "success" ? "text-emerald-700" : "text-red-700"}`}>{entry.result}{entry.message ? <span className="block text-xs text-slate-500">{entry.message}</span> : null}</td>
                  </tr>
                ))}
                {history.data.audit.length === 0 && <tr><td colSpan={4} className={`${td} text-slate-500`}>Nothing recorded yet.</td></tr>}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
