"use client";
// What a bulk action did, VM by VM: waiting, being sent, its job followed live (a link to the job, its status, the
// cluster's error in words if it failed), where the confirmation link was mailed (an owner's delete when the admin
// asks for confirmations), or the API's refusal. onSettled runs as each job ends, so that the list shows the outcome.
import { useEffect, useRef } from "react";
import { jobHref } from "@/components/jobs/job-href";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { OpResultText } from "@/components/jobs/op-result-text";
import { useJob } from "@/components/jobs/use-job";
import { BatchProgress } from "@/components/ui/batch-progress";
import { secondaryButton } from "@/components/ui/styles";
import type { BatchState } from "@/components/ui/use-batch";
import { confirmationSentText } from "./confirmation-note";
import type { ConfirmationSent, Submitted } from "./types";
import { isConfirmation } from "./use-vm-action";

function BulkJob({ cluster, jobId, onSettled }: Submitted & { onSettled: () => void }) {
  const job = useJob(cluster, jobId);
  const reported = useRef(false);
  useEffect(() => {
    if (job.data?.final && !reported.current) {
      reported.current = true;
      onSettled();
    }
  }, [job.data, onSettled]);
  const failed = job.data?.ops.find((op) => op.result && "error" in op.result);
  return (
    <>
      <a href={jobHref(cluster, jobId)} className="text-brand-700 hover:underline">job #{jobId}</a>
      {job.data ? <JobStatusBadge status={job.data.status} /> : <span className="text-slate-500">…</span>}
      {failed && <OpResultText result={failed.result} />}
      {job.error && <span className="text-red-700">{job.error.message}</span>}
    </>
  );
}

export function BulkProgress({ title, state, onSettled, onDismiss }: { title: string; state: BatchState<Submitted | ConfirmationSent>; onSettled: () => void; onDismiss: () => void }) {
  const ref = useRef<HTMLElement>(null);
  // The bar and its dialog go away as a batch starts: the focus comes here, where the batch is followed.
  const starting = state.running && state.outcomes.length === 0;
  useEffect(() => {
    if (starting) ref.current?.focus();
  }, [starting]);
  if (state.names.length === 0) return null;
  return (
    <section ref={ref} tabIndex={-1} aria-label={title} className="mb-4 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {!state.running && <button type="button" className={secondaryButton} onClick={onDismiss}>Dismiss</button>}
      </div>
      <BatchProgress state={state} label={title} doneText={(ok, total) => doneText(state, ok, total)}
        detail={(answer) => (isConfirmation(answer) ? <span className="text-amber-900">Waiting for your confirmation: {confirmationSentText(answer)}</span> : <BulkJob {...answer} onSettled={onSettled} />)} />
    </section>
  );
}

function doneText(state: BatchState<Submitted | ConfirmationSent>, ok: number, total: number): string {
  const waiting = state.outcomes.filter((o) => o.ok && isConfirmation(o.value)).length;
  if (!waiting) return `Sent: ${ok} of ${total} accepted as jobs.`;
  return `Sent: ${ok} of ${total} accepted, ${waiting} of them waiting for your confirmation by e-mail.`;
}
