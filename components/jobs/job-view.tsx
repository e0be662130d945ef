"use client";
// A job followed live: its status, each opcode with its result or error in words, and the log as it grows. Used after
// every action on a VM, after a create, and on the job's own page. A job that started others (an evacuation's moves)
// shows them below, followed the same way; onFinal runs once when the job and those it started have ended.
import { useCallback, useEffect, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { jobHref, shortTime } from "./job-href";
import { JobStatusBadge } from "./job-status-badge";
import { OpResultText } from "./op-result-text";
import type { JobDetail } from "./types";
import { useJob } from "./use-job";

const OUTCOME: Record<string, string> = { success: "Job finished successfully.", error: "Job failed.", canceled: "Job was canceled." };

export function JobView({ cluster, id, title, onFinal, compact = false }: { cluster: string; id: number; title?: string; onFinal?: (job: JobDetail) => void; compact?: boolean }) {
  const job = useJob(cluster, id);
  const reported = useRef(false);
  const [childrenEnded, setChildrenEnded] = useState<ReadonlySet<number>>(new Set());
  const childEnded = useCallback((child: JobDetail) => setChildrenEnded((ended) => new Set(ended).add(child.id)), []);
  const children = job.data?.childJobs ?? [];
  const allEnded = Boolean(job.data?.final) && children.every((c) => childrenEnded.has(c));
  useEffect(() => {
    if (allEnded && job.data && !reported.current) {
      reported.current = true;
      onFinal?.(job.data);
    }
  }, [allEnded, job.data, onFinal]);

  const data = job.data;
  return (
    <section aria-label={title ?? `Job ${id}`} className="rounded-lg border border-slate-200 bg-white" data-testid="job-view">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="flex items-center gap-3">
          <h3 className="text-sm font-semibold text-slate-900">{title ?? summaryText(job.data) ?? "Job"} <a href={jobHref(cluster, id)} className="font-normal text-brand-700 hover:underline">#{id}</a></h3>
          {data && <JobStatusBadge status={data.status} />}
          {!data && job.isPending && <span className="text-xs text-slate-500">Loading…</span>}
        </div>
        {data && <span className="text-xs text-slate-500">received {shortTime(data.receivedAt)}{data.endedAt ? ` · ended ${shortTime(data.endedAt)}` : ""}</span>}
      </header>
      <div className="space-y-3 px-4 py-3">
        <ErrorAlert error={job.error} />
        <p role="status" className="text-sm text-slate-700">
          {data ? (data.final ? OUTCOME[data.status] ?? `Job ended: ${data.status}.` : `Job is ${data.status}…`) : ""}
        </p>
        {data && data.ops.length > 0 && (
          <ol className="space-y-1 text-sm">
            {data.ops.map((op, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-2">
                <span className="font-mono text-xs text-slate-600">{op.op}</span>
                <JobStatusBadge status={op.status} />
                <OpResultText result={op.result} />
              </li>
            ))}
          </ol>
        )}
        {children.length > 0 && (
          <div className="space-y-2" role="group" aria-label={`Jobs started by job ${id}`}>
            <p className="text-sm text-slate-700">This job started {children.length} job{children.length === 1 ? "" : "s"}:</p>
            {children.map((child) => <JobView key={child} cluster={cluster} id={child} compact onFinal={childEnded} />)}
          </div>
        )}
        {data && data.log.length > 0 && (
          <details open={!compact || !data.final}>
            <summary className="cursor-pointer text-xs font-medium uppercase tracking-wide text-slate-500">Log ({data.log.length} lines)</summary>
            <ol aria-label="Job log" className="mt-2 max-h-64 overflow-y-auto rounded bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
              {data.log.map((line) => (
                <li key={line.serial} className={line.type === "message" ? "" : "text-amber-300"}>
                  <span className="text-slate-500">{line.time ? new Date(line.time).toLocaleTimeString("en-GB") : ""} </span>{line.message}
                </li>
              ))}
            </ol>
          </details>
        )}
      </div>
    </section>
  );
}

/** Ganeti's job summary ("INSTANCE_REPLACE_DISKS(vm1)"), as a heading for a job shown without a title. */
function summaryText(job: JobDetail | undefined): string | null {
  if (!job) return null;
  const text = Array.isArray(job.summary) ? job.summary.join(", ") : job.summary;
  return text || null;
}
