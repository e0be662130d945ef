"use client";
// One VM, live: its status and facts (refreshed every few seconds, every second while a job of this page settles),
// the actions this user may take, each action's job followed as it runs (or, for an owner's destructive action that
// must be confirmed by e-mail, where the link was sent), its disks and NICs, tags and history.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { JobView } from "@/components/jobs/job-view";
import type { JobDetail } from "@/components/jobs/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, primaryButton } from "@/components/ui/styles";
import { ApiError, fetchJson } from "@/lib/web/fetch-json";
import { ConfirmationNote } from "./confirmation-note";
import { InstanceActions } from "./instance-actions";
import { InstanceFacts } from "./instance-facts";
import { InstanceHardware } from "./instance-hardware";
import { InstanceHistory } from "./instance-history";
import { InstanceLiveDetails } from "./instance-live-details";
import { instanceHref } from "./instance-table";
import { StatusBadge } from "./status-badge";
import { TagsEditor } from "./tags-editor";
import type { ConfirmationSent, InstanceDetail, Submitted } from "./types";
import { isConfirmation, vmPath, type VmAnswer } from "./use-vm-action";

type Followed = Submitted & { label: string; key: number };
type Waiting = ConfirmationSent & { label: string; key: number };

export function InstancePage({ cluster, name }: { cluster: string; name: string }) {
  const client = useQueryClient();
  const router = useRouter();
  const [jobs, setJobs] = useState<Followed[]>([]);
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  const [running, setRunning] = useState<Set<number>>(new Set());
  const [settleUntil, setSettleUntil] = useState(0);
  const [gone, setGone] = useState<string | null>(null);
  const vm = useQuery({
    queryKey: ["instance", cluster, name],
    queryFn: () => fetchJson<InstanceDetail>(vmPath(cluster, name)),
    refetchInterval: () => (Date.now() < settleUntil ? 1_000 : 10_000),
    retry: false,
    enabled: gone === null,
  });

  const onJob = useCallback((answer: VmAnswer) => {
    if (isConfirmation(answer)) {
      // A newer request for the same action (the label's verb) replaces the older link: show only the latest.
      const verb = (label: string) => label.split(" ")[0];
      setWaiting((list) => [{ ...answer, key: Date.now() }, ...list.filter((w) => verb(w.label) !== verb(answer.label))]);
      void client.invalidateQueries({ queryKey: ["instance-history", cluster, name] });
      return;
    }
    const job = answer;
    setJobs((list) => [{ ...job, key: Date.now() }, ...list].slice(0, 3));
    setRunning((set) => new Set(set).add(job.jobId));
  }, [client, cluster, name]);

  const onFinal = useCallback((followed: Followed) => (job: JobDetail) => {
    setRunning((set) => { const next = new Set(set); next.delete(followed.jobId); return next; });
    // The cache syncs when the job ends: look again every second for a while so that the page shows the outcome.
    setSettleUntil(Date.now() + 8_000);
    void client.invalidateQueries({ queryKey: ["instance", cluster, name] });
    void client.invalidateQueries({ queryKey: ["instance-history", cluster, name] });
    void client.invalidateQueries({ queryKey: ["instances"] });
    // The history's job statuses are the manager's record, which the sync updates a moment after the job ends.
    setTimeout(() => void client.invalidateQueries({ queryKey: ["instance-history", cluster, name] }), 3_000);
    if (job.status !== "success") return;
    const renamed = /^Rename \S+ to (\S+)$/.exec(followed.label);
    if (renamed) router.replace(instanceHref(cluster, renamed[1]!));
    if (followed.label.startsWith("Delete ")) setGone(`${name} was deleted.`);
  }, [client, cluster, name, router]);

  if (gone) {
    return (
      <div className={`${card} px-6 py-10 text-center`}>
        <p role="status" className="font-medium text-slate-800">{gone}</p>
        <Link href="/instances" className={`${primaryButton} mt-4 inline-block`}>Back to the VM list</Link>
      </div>
    );
  }
  if (vm.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (vm.error && !vm.data) {
    const status = vm.error instanceof ApiError ? vm.error.status : 0;
    return (
      <div role="alert" className={`rounded-lg border p-6 ${status === 403 ? "border-amber-200 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-800"}`}>
        <p className="font-medium">{status === 403 ? "You are not allowed to see this VM." : status === 404 ? "This VM is not here." : "The VM could not be loaded."}</p>
        <p className="mt-1 text-sm">{vm.error.message}</p>
        <Link href="/instances" className="mt-3 inline-block text-sm text-brand-700 hover:underline">Back to the VM list</Link>
      </div>
    );
  }
  const data = vm.data!;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-sm text-slate-500"><Link href="/instances" className="hover:underline">Virtual machines</Link> / {data.cluster}</nav>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 break-all text-2xl font-semibold tracking-tight">{data.name} <StatusBadge status={data.status} /></h1>
          <p className="mt-1 text-sm text-slate-600">Owned by {data.owner?.label ?? "nobody"} · cached {new Date(data.syncedAt).toLocaleTimeString("en-GB")}</p>
        </div>
      </div>
      <ErrorAlert error={vm.error} />
      <section aria-label="Actions" className={card}>
        <InstanceActions vm={data} onJob={onJob} busy={running.size > 0}
          onOwnerChanged={() => void client.invalidateQueries({ queryKey: ["instance", cluster, name] })} />
      </section>
      {waiting.length > 0 && (
        <section aria-label="Waiting for your confirmation" className="space-y-3">
          {waiting.map((w) => <ConfirmationNote key={w.key} sent={w} />)}
        </section>
      )}
      {jobs.length > 0 && (
        <section aria-label="Jobs started here" className="space-y-3">
          {jobs.map((job, i) => <JobView key={job.key} cluster={job.cluster} id={job.jobId} title={job.label} compact={i > 0} onFinal={onFinal(job)} />)}
        </section>
      )}
      <InstanceFacts vm={data} />
      <InstanceHardware vm={data} />
      <InstanceLiveDetails cluster={cluster} name={name} />
      <section aria-labelledby="tags-title" className={card}>
        <h2 id="tags-title" className="mb-3 text-sm font-semibold text-slate-900">Tags</h2>
        <TagsEditor vm={data} onJob={onJob} busy={running.size > 0} />
      </section>
      <InstanceHistory cluster={cluster} name={name} />
    </div>
  );
}
