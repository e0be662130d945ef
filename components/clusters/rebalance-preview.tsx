"use client";
// The rebalance preview (cluster admins): hbal's plan per group, then "Execute" after a confirm — the server plans
// again from the cluster as it is then and submits every move as chained jobs, which are followed here live.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ActionDialog } from "@/components/instances/action-dialog";
import { ActionForm } from "@/components/instances/action-form";
import { JobView } from "@/components/jobs/job-view";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { RebalanceMoves } from "./rebalance-moves";
import type { GroupPlan } from "./types";

type Preview = { cluster: string; groups: GroupPlan[] };
type Executed = { cluster: string; moves: Array<{ group: string; instance: string; jobIds: number[] }> };

export function RebalancePreview({ slug }: { slug: string }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const preview = useQuery({ queryKey: ["rebalance", slug], queryFn: () => fetchJson<Preview>(`/api/clusters/${encodeURIComponent(slug)}/rebalance`), staleTime: Infinity, retry: false });
  const execute = useMutation({
    mutationFn: () => fetchJson<Executed>(`/api/clusters/${encodeURIComponent(slug)}/rebalance`, { method: "POST" }),
    onSuccess: () => setConfirming(false),
  });
  const moves = preview.data?.groups.reduce((n, g) => n + g.jobSets.flat().length, 0) ?? 0;
  const again = () => { execute.reset(); void preview.refetch(); };
  const onFinal = () => {
    void client.invalidateQueries({ queryKey: ["cluster-overview", slug] });
    void client.invalidateQueries({ queryKey: ["nodes", slug] });
  };

  return (
    <section aria-labelledby="rebalance" className={`${card} space-y-4`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="rebalance" className="text-lg font-semibold text-slate-900">Rebalance preview</h2>
        <div className="flex gap-2">
          <button type="button" className={secondaryButton} onClick={again} disabled={preview.isFetching}>{preview.isFetching ? "Planning…" : "Preview again"}</button>
          {!execute.data && <button type="button" className={primaryButton} onClick={() => { execute.reset(); setConfirming(true); }} disabled={moves === 0 || preview.isFetching}>Execute</button>}
        </div>
      </div>
      <p className="text-sm text-slate-600">hbal's plan from the cluster's current state: lower scores are better balanced. Nothing moves until you execute it.</p>
      <ErrorAlert error={preview.error} />
      {preview.data && preview.data.groups.length === 0 && <p className="text-sm text-slate-500">The cluster has no node group to balance.</p>}
      {preview.data && !execute.data && preview.data.groups.map((plan) => <RebalanceMoves key={plan.group} plan={plan} />)}
      <ActionDialog title={`Execute the rebalance of ${slug}`} open={confirming} onClose={() => setConfirming(false)}>
        {confirming && (
          <ActionForm submitLabel={`Execute ${moves} move${moves === 1 ? "" : "s"}`} onCancel={() => setConfirming(false)} pending={execute.isPending} error={execute.error} onSubmit={() => execute.mutate()}>
            <p className="text-sm text-slate-700">The VMs move as planned (migrations and disk replacements), job set after job set. The cluster is planned again at this moment, so the moves may differ slightly from the preview.</p>
          </ActionForm>
        )}
      </ActionDialog>
      {execute.data && (
        <div className="space-y-3">
          <p role="status" className="text-sm text-slate-700">{execute.data.moves.length === 0 ? "Already balanced when executed: nothing was submitted." : `${execute.data.moves.length} move(s) submitted; they run in order below.`}</p>
          {execute.data.moves.flatMap((move) => move.jobIds.map((id, step) => (
            <JobView key={id} cluster={execute.data.cluster} id={id} compact onFinal={onFinal}
              title={`Move ${move.instance}${move.jobIds.length > 1 ? ` (step ${step + 1} of ${move.jobIds.length})` : ""}`} />
          )))}
        </div>
      )}
    </section>
  );
}
