"use client";
// Cancel a job that has not started (Ganeti cancels only queued or waiting jobs); the cluster's answer is shown.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { dangerButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

export function CancelJobButton({ cluster, id }: { cluster: string; id: number }) {
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => fetchJson<{ canceled: boolean; message: string }>(`/api/jobs/${encodeURIComponent(cluster)}/${id}`, { method: "DELETE" }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ["jobs"] });
      void client.invalidateQueries({ queryKey: ["job", cluster, id] });
    },
  });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button type="button" className={dangerButton} disabled={cancel.isPending || cancel.data?.canceled} onClick={() => cancel.mutate()} aria-label={`Cancel job ${id}`}>
        {cancel.isPending ? "Canceling…" : "Cancel"}
      </button>
      {cancel.data && <span role="status" className="text-xs text-slate-600">{cancel.data.message}</span>}
      <ErrorAlert error={cancel.error} />
    </span>
  );
}
