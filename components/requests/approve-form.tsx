"use client";
// A reviewer approves the request: where it goes (ApprovePlacement), the sizes — what was asked, editable —, a note
// for the applicant, and the owner's quota on that cluster once the VM exists. Beyond the quota the approval needs
// the explicit "Approve beyond the quota (audited)" box ticked, as the API does.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { QuotaPreview } from "@/components/create/quota-preview";
import { SizeInput } from "@/components/instances/size-input";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, field, label, primaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { approveBody, initialApproveDraft, quotaAfter, type ApproveDraft } from "./approve-draft";
import { ApprovePlacement } from "./approve-placement";
import type { RequestView, ReviewCluster } from "./types";

export function ApproveForm({ request, clusters, onDone }: { request: RequestView; clusters: ReviewCluster[]; onDone: () => void }) {
  const [draft, setDraft] = useState<ApproveDraft>(() => initialApproveDraft(request, clusters));
  const change = (patch: Partial<ApproveDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const chosen = clusters.find((c) => c.slug === draft.cluster);
  const quota = chosen ? quotaAfter(chosen, draft) : null;
  const over = Boolean(quota?.over);
  const approve = useMutation({
    mutationFn: () => fetchJson(`/api/requests/${request.id}/approve`, { method: "POST", body: approveBody(draft, over) }),
    onSuccess: onDone,
  });
  if (!chosen) return <p role="alert" className={`${card} text-sm text-amber-900`}>No cluster you approve onto takes new VMs from Gantry (all are read-only).</p>;
  const blocked = !chosen.offer || (over && !draft.overrideQuota);
  return (
    <form aria-label="Approve" className={`${card} space-y-4`} onSubmit={(e) => { e.preventDefault(); if (!blocked) approve.mutate(); }}>
      <h2 className="text-base font-semibold">Approve</h2>
      {chosen.offerError && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{chosen.offerError}</p>}
      <ApprovePlacement draft={draft} change={change} clusters={clusters} chosen={chosen} askedNetwork={request.network} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SizeInput id="approve-memory" label="Memory" mib={draft.memory} onChange={(memory) => change({ memory })} />
        <div>
          <label htmlFor="approve-vcpus" className={label}>vCPUs</label>
          <input id="approve-vcpus" inputMode="numeric" className={field} value={draft.vcpus} onChange={(e) => change({ vcpus: e.target.value })} />
        </div>
        {draft.diskTemplate !== "diskless" && <SizeInput id="approve-disk" label="Disk" mib={draft.disk} onChange={(disk) => change({ disk })} />}
      </div>
      {quota && <QuotaPreview quota={{ limits: chosen.limits, usedAfter: quota.usedAfter }} ownerLabel={`${request.owner.label} on ${chosen.slug}`} />}
      {quota?.over && (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>Over the owner&apos;s quota: {quota.over}.</p>
          <label className="inline-flex items-center gap-2 font-medium">
            <input type="checkbox" checked={draft.overrideQuota} onChange={(e) => change({ overrideQuota: e.target.checked })} /> Approve beyond the quota (audited)
          </label>
        </div>
      )}
      <div>
        <label htmlFor="approve-message" className={label}>Note for the applicant <span className="font-normal text-slate-500">(optional)</span></label>
        <textarea id="approve-message" rows={2} className={field} value={draft.message} onChange={(e) => change({ message: e.target.value })} />
      </div>
      <ErrorAlert error={approve.error} />
      <button type="submit" className={primaryButton} disabled={blocked || approve.isPending}>{approve.isPending ? "Approving…" : "Approve and create the VM"}</button>
    </form>
  );
}
