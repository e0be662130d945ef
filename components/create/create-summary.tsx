"use client";
// The wizard's summary beside the form (below it on small screens): what will be made and sent (NICs and parameters
// too), what is still wrong (in the words of the policy and of the server), the owner's quota after this VM, and the
// Create button.
import { formatMiB } from "@/components/admin/units";
import { ErrorAlert } from "@/components/ui/error-alert";
import { ProblemList } from "@/components/ui/problem-list";
import { card, primaryButton } from "@/components/ui/styles";
import { QuotaPreview } from "./quota-preview";
import { RequestDetails } from "./request-details";
import type { CreateCheck, CreateOptions, CreateProblem, CreateRequest } from "./types";

type Props = {
  request: CreateRequest; nicDefaults: CreateOptions["nicDefaults"]; ownerLabel: string; problems: CreateProblem[]; quota: CreateCheck["quota"]; checking: boolean; checkError: unknown;
  ready: boolean; pending: boolean; submitError: unknown; onSubmit: () => void;
};

export function CreateSummary({ request, nicDefaults, ownerLabel, problems, quota, checking, checkError, ready, pending, submitError, onSubmit }: Props) {
  const disk = request.disks.reduce((s, d) => s + (Number.isFinite(d) ? d : 0), 0);
  return (
    <aside aria-labelledby="summary-title" className={`${card} space-y-4 lg:sticky lg:top-6`}>
      <h2 id="summary-title" className="text-base font-semibold">Summary</h2>
      <p className="text-sm text-slate-700">
        <span className="font-medium">{request.name || "(no name yet)"}</span> on {request.cluster}: {Number.isFinite(request.memory) ? formatMiB(request.memory) : "?"} memory,{" "}
        {Number.isFinite(request.vcpus) ? request.vcpus : "?"} vCPU{request.vcpus === 1 ? "" : "s"}, {request.disks.length} disk{request.disks.length === 1 ? "" : "s"} ({formatMiB(disk)}, {request.diskTemplate}), {request.os}.
        {request.start ? " Started once made." : " Left stopped."}
      </p>
      <RequestDetails request={request} nicDefaults={nicDefaults} />
      {quota && <QuotaPreview quota={quota} ownerLabel={ownerLabel} />}
      <div aria-live="polite">
        {problems.length > 0 ? (
          <ProblemList title="To fix before creating:" problems={problems} testId="create-problems" />
        ) : !request.name ? (
          <p className="text-sm text-slate-600">Give the VM a name.</p>
        ) : checking ? (
          <p className="text-sm text-slate-500">Checking…</p>
        ) : (
          <p className="text-sm text-emerald-700">Ready to create.</p>
        )}
      </div>
      <ErrorAlert error={checkError} />
      <ErrorAlert error={submitError} />
      <button type="button" className={`${primaryButton} w-full py-2`} disabled={!ready || pending} onClick={onSubmit}>{pending ? "Submitting…" : "Create VM"}</button>
    </aside>
  );
}
