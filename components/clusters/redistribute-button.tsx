"use client";
// "Redistribute configuration" (gnt-cluster redist-conf; cluster admins): asks first, then follows the job.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ActionDialog } from "@/components/instances/action-dialog";
import { ActionForm } from "@/components/instances/action-form";
import type { Submitted } from "@/components/instances/types";
import { JobView } from "@/components/jobs/job-view";
import { secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

export function RedistributeButton({ slug }: { slug: string }) {
  const [open, setOpen] = useState(false);
  const send = useMutation({
    mutationFn: () => fetchJson<Submitted>(`/api/clusters/${encodeURIComponent(slug)}/redistribute`, { method: "POST" }),
    onSuccess: () => setOpen(false),
  });
  return (
    <div className="space-y-3">
      <button type="button" className={secondaryButton} onClick={() => { send.reset(); setOpen(true); }}>Redistribute configuration</button>
      <ActionDialog title={`Redistribute the configuration of ${slug}`} open={open} onClose={() => setOpen(false)}>
        {open && (
          <ActionForm submitLabel="Redistribute" onCancel={() => setOpen(false)} pending={send.isPending} error={send.error} onSubmit={() => send.mutate()}>
            <p className="text-sm text-slate-700">The master copies the cluster configuration to every master candidate again (gnt-cluster redist-conf). VMs are not affected.</p>
          </ActionForm>
        )}
      </ActionDialog>
      {send.data && <JobView key={send.data.jobId} cluster={send.data.cluster} id={send.data.jobId} title="Redistribute configuration" compact />}
    </div>
  );
}
