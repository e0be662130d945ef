"use client";
// The VM request form: who it is for, the host name, sizes within the admin's limits, OS and network (chosen from
// the preferred cluster's when one is preferred, typed otherwise), and what it is for. Checked by the server as the
// user types — each problem under its field, the owner's quota on the preferred cluster after this VM beside it —
// and sent only when nothing is wrong; the request's page follows.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { QuotaPreview } from "@/components/create/quota-preview";
import { ErrorAlert } from "@/components/ui/error-alert";
import { ProblemList } from "@/components/ui/problem-list";
import { card, primaryButton } from "@/components/ui/styles";
import { useLiveCheck } from "@/components/ui/use-live-check";
import { fetchJson } from "@/lib/web/fetch-json";
import { initialRequestDraft, toRequestBody, type RequestDraft } from "./request-draft";
import { RequestFields } from "./request-fields";
import { requestHref, type RequestCheckView, type RequestFormOptions, type RequestSettings } from "./types";

export function RequestForm({ me }: { me: string }) {
  const limits = useQuery({ queryKey: ["request-settings"], queryFn: () => fetchJson<RequestSettings>("/api/settings/requests"), staleTime: 60_000 });
  if (limits.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (limits.isError) return <ErrorAlert error={limits.error} />;
  return <RequestFormLoaded me={me} limits={limits.data} />;
}

function RequestFormLoaded({ me, limits }: { me: string; limits: RequestSettings }) {
  const router = useRouter();
  const [draft, setDraft] = useState<RequestDraft>(() => initialRequestDraft(me, limits));
  const change = (patch: Partial<RequestDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const options = useQuery({
    queryKey: ["request-options", draft.preferredCluster],
    queryFn: () => fetchJson<RequestFormOptions>(`/api/requests/options${draft.preferredCluster ? `?cluster=${encodeURIComponent(draft.preferredCluster)}` : ""}`),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
  const body = toRequestBody(draft);
  const check = useLiveCheck<RequestCheckView>("/api/requests/check", body);
  const problems = check.data?.problems ?? [];
  const file = useMutation({
    mutationFn: () => fetchJson<{ id: number }>("/api/requests", { method: "POST", body }),
    onSuccess: ({ id }) => router.push(requestHref(id)),
  });
  const ready = check.current && check.data?.ok === true;
  const ownerLabel = options.data?.personas.find((p) => p.persona === draft.owner)?.label ?? draft.owner;
  return (
    <form className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-label="VM request"
      onSubmit={(e) => { e.preventDefault(); if (ready) file.mutate(); }}>
      <div className={card}>
        <RequestFields draft={draft} change={change} limits={check.data?.limits ?? limits} options={options.data} problems={problems} me={me} />
      </div>
      <aside aria-labelledby="request-summary" className={`${card} space-y-4 lg:sticky lg:top-6`}>
        <h2 id="request-summary" className="text-base font-semibold">Your request</h2>
        {check.data?.quota && <QuotaPreview quota={check.data.quota} ownerLabel={`${ownerLabel} on ${check.data.quota.cluster}`} />}
        <div aria-live="polite">
          {problems.length > 0 ? (
            <ProblemList title="To fix before sending:" problems={problems} testId="request-problems" />
          ) : !check.current || !check.data ? (
            <p className="text-sm text-slate-500">Checking…</p>
          ) : (
            <p className="text-sm text-emerald-700">Ready to send.</p>
          )}
        </div>
        <ErrorAlert error={check.error} />
        <ErrorAlert error={file.error} />
        <p className="text-xs text-slate-500">An approver reviews the request; you get an e-mail when it is decided and when the VM is ready.</p>
        <button type="submit" className={`${primaryButton} w-full py-2`} disabled={!ready || file.isPending || file.isSuccess}>{file.isPending ? "Sending…" : "Send request"}</button>
      </aside>
    </form>
  );
}
