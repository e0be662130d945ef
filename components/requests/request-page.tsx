"use client";
// One VM request: its status in words, what was asked, and what happened to it. The applicant may withdraw it while
// it is pending; a reviewer decides it here (approve onto a cluster, or reject with a reason). Once approved, the
// page follows the request — and the job, for those who may see it — until the VM exists or the creation failed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback } from "react";
import { instanceHref } from "@/components/instances/instance-table";
import { jobHref } from "@/components/jobs/job-href";
import { JobView } from "@/components/jobs/job-view";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, primaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ApproveForm } from "./approve-form";
import { RejectForm } from "./reject-form";
import { RequestFacts } from "./request-facts";
import { RequestStatusBadge } from "./request-status-badge";
import type { RequestDetail } from "./types";
import { WithdrawButton } from "./withdraw-button";

const MOVING = new Set(["approved", "submitted"]);

export function RequestPage({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const request = useQuery({
    queryKey: ["request", id],
    queryFn: () => fetchJson<RequestDetail>(`/api/requests/${id}`),
    refetchInterval: (query) => (query.state.error ? false : MOVING.has(query.state.data?.status ?? "") ? 1_500 : 15_000),
    retry: false,
  });
  const changed = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["request", id] }), [queryClient, id]);
  const r = request.data;
  if (request.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!r) return <ErrorAlert error={request.error} />;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Request #{r.id}: {r.hostname}</h1>
          <p className="mt-1 text-sm text-slate-600">Filed by {r.applicant}{r.owner.label !== r.applicant ? ` for ${r.owner.label}` : ""}.</p>
        </div>
        {r.mayWithdraw && <WithdrawButton id={r.id} onDone={changed} />}
      </div>
      <section aria-label="Status" className={`${card} space-y-3`}>
        <p className="text-sm"><span className="mr-2 font-medium text-slate-800">Status:</span><RequestStatusBadge request={r} /></p>
        {r.status === "rejected" && <p className="text-sm text-slate-800" data-testid="review-message">Reason given by {r.reviewer}: {r.message}</p>}
        {r.status !== "rejected" && r.message && <p className="text-sm text-slate-800" data-testid="review-message">Note from {r.reviewer}: {r.message}</p>}
        {r.failure && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">The cluster said: {r.failure}</p>}
        {r.job && (
          <p className="text-sm text-slate-700">
            Created by job{" "}
            {r.jobVisible ? <Link href={jobHref(r.job.cluster, r.job.id)} className="text-brand-700 hover:underline">#{r.job.id} on {r.job.cluster}</Link> : `#${r.job.id} on ${r.job.cluster}`}
            {MOVING.has(r.status) ? " — this page follows it." : "."}
          </p>
        )}
        {r.vm && <Link href={instanceHref(r.vm.cluster, r.vm.name)} className={`${primaryButton} inline-block`}>Open {r.vm.name}</Link>}
      </section>
      {r.job && r.jobVisible && <JobView cluster={r.job.cluster} id={r.job.id} title={`Create ${r.hostname}`} compact onFinal={changed} />}
      <RequestFacts request={r} />
      {r.review?.mayDecide && (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <ApproveForm request={r} clusters={r.review.clusters} onDone={changed} />
          <RejectForm id={r.id} onDone={changed} />
        </div>
      )}
    </div>
  );
}
