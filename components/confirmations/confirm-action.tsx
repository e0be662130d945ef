"use client";
// What a confirmation link will do, and the button that does it: the action then runs as a job, followed here, with
// a way back to the VM (or to the list, once it is deleted) when it ends. A refusal (the link was used meanwhile, the
// permission is gone) is shown as the API words it.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { shortTime } from "@/components/jobs/job-href";
import { JobView } from "@/components/jobs/job-view";
import type { JobDetail } from "@/components/jobs/types";
import { instanceHref } from "@/components/instances/instance-table";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, dangerButton, primaryButton } from "@/components/ui/styles";
import type { Confirmed } from "@/lib/manager/confirmations/confirm-action";
import type { ConfirmationView } from "@/lib/manager/confirmations/show-confirmation";
import { fetchJson } from "@/lib/web/fetch-json";

export function ConfirmAction({ token, view }: { token: string; view: ConfirmationView }) {
  const [ended, setEnded] = useState<JobDetail | null>(null);
  const confirm = useMutation({ mutationFn: () => fetchJson<Confirmed>(`/api/confirmations/${encodeURIComponent(token)}`, { method: "POST" }) });
  const job = confirm.data;
  return (
    <div className="space-y-4">
      <section aria-labelledby="confirm-title" className={`${card} space-y-3`}>
        <h2 id="confirm-title" className="text-lg font-semibold text-slate-900">{view.title}</h2>
        <p className="text-sm text-red-800">{view.effect}</p>
        <p className="text-xs text-slate-500">Asked {shortTime(view.requestedAt)} · the link is valid until {shortTime(view.expiresAt)} and works once.</p>
        <ErrorAlert error={confirm.error} />
        {!job && (
          <button type="button" className={`${dangerButton} font-medium`} disabled={confirm.isPending || confirm.isError} onClick={() => confirm.mutate()}>
            {confirm.isPending ? "Submitting…" : `Confirm: ${view.title}`}
          </button>
        )}
      </section>
      {job && <JobView cluster={job.cluster} id={job.jobId} title={job.label} onFinal={setEnded} />}
      {ended && <AfterJob view={view} job={ended} />}
    </div>
  );
}

function AfterJob({ view, job }: { view: ConfirmationView; job: JobDetail }) {
  const renamed = /^Rename \S+ to (\S+)$/.exec(view.title);
  const deleted = view.title.startsWith("Delete ") && job.status === "success";
  const href = deleted ? "/instances" : instanceHref(view.cluster, job.status === "success" && renamed ? renamed[1]! : view.instance);
  return (
    <div className="flex justify-end">
      <Link href={href} className={primaryButton}>{deleted ? "Back to the VM list" : "Go to the VM"}</Link>
    </div>
  );
}
