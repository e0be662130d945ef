"use client";
// One node: its role and flags, capacity, the admin actions the user may take (each job followed live, then the node
// read again), and its primary and secondary VMs.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { formatMiB } from "@/components/admin/units";
import { NodeFlags } from "@/components/clusters/node-table";
import { clusterHref, managesNodes, type NodeDetail } from "@/components/clusters/types";
import { useClusters } from "@/components/clusters/use-cluster-data";
import type { Submitted } from "@/components/instances/types";
import { JobView } from "@/components/jobs/job-view";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { UsageBar } from "@/components/ui/usage-bar";
import { fetchJson } from "@/lib/web/fetch-json";
import { NodeActions } from "./node-actions";
import { NodeVms } from "./node-vms";

type Followed = Submitted & { label: string; key: number };

export function NodePage({ cluster, name }: { cluster: string; name: string }) {
  const client = useQueryClient();
  const [jobs, setJobs] = useState<Followed[]>([]);
  const [running, setRunning] = useState<Set<number>>(new Set());
  const [settleUntil, setSettleUntil] = useState(0);
  const clusters = useClusters();
  const detail = useQuery({
    queryKey: ["node", cluster, name],
    queryFn: () => fetchJson<NodeDetail>(`/api/nodes/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`),
    refetchInterval: () => (Date.now() < settleUntil ? 1_000 : 10_000),
    retry: false,
  });
  const onJob = useCallback((job: Submitted & { label: string }) => {
    setJobs((list) => [{ ...job, key: Date.now() }, ...list].slice(0, 3));
    setRunning((set) => new Set(set).add(job.jobId));
  }, []);
  const onFinal = useCallback((jobId: number) => () => {
    setRunning((set) => { const next = new Set(set); next.delete(jobId); return next; });
    // The cache syncs when the job ends: look again every second for a while so that the page shows the outcome.
    setSettleUntil(Date.now() + 8_000);
    void client.invalidateQueries({ queryKey: ["node", cluster, name] });
    void client.invalidateQueries({ queryKey: ["nodes", cluster] });
  }, [client, cluster, name]);

  const permissions = clusters.data?.find((c) => c.slug === cluster)?.permissions ?? [];
  const data = detail.data;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500"><Link href="/nodes" className="hover:underline">Nodes</Link> / <Link href={clusterHref(cluster)} className="hover:underline">{cluster}</Link></p>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
          {name}
          {data && <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-sm font-medium text-slate-700" data-testid="node-role">{data.node.role}</span>}
        </h1>
      </div>
      <ErrorAlert error={detail.error} />
      {data && (
        <>
          <div className={`${card} grid gap-4 sm:grid-cols-2 lg:grid-cols-4`}>
            <div><p className="text-xs font-medium uppercase tracking-wide text-slate-500">Group and flags</p><p className="mb-1 text-sm">{data.node.group}</p><NodeFlags node={data.node} /></div>
            <div><p className="text-xs font-medium uppercase tracking-wide text-slate-500">Memory</p><UsageBar used={(data.node.memory.total ?? 0) - (data.node.memory.free ?? 0)} limit={data.node.memory.total} format={formatMiB} label="Memory used" /></div>
            <div><p className="text-xs font-medium uppercase tracking-wide text-slate-500">Disk</p><UsageBar used={(data.node.disk.total ?? 0) - (data.node.disk.free ?? 0)} limit={data.node.disk.total} format={formatMiB} label="Disk used" /></div>
            <div><p className="text-xs font-medium uppercase tracking-wide text-slate-500">CPUs and VMs</p><p className="text-sm">{data.node.cpus ?? "—"} CPUs · {data.node.primaries} primary · {data.node.secondaries} secondary</p></div>
          </div>
          {managesNodes(permissions) && <NodeActions cluster={cluster} node={data.node} busy={running.size > 0} onJob={onJob} />}
          {jobs.length > 0 && (
            <div className="space-y-3">
              {jobs.map((job, i) => <JobView key={job.key} cluster={job.cluster} id={job.jobId} title={job.label} compact={i > 0} onFinal={onFinal(job.jobId)} />)}
            </div>
          )}
          <div className="grid gap-6 xl:grid-cols-2">
            <NodeVms cluster={cluster} title="Primary VMs" vms={data.primaries} empty={`No VM runs on ${name}.`} />
            <NodeVms cluster={cluster} title="Secondary VMs" vms={data.secondaries} empty={`${name} holds no VM's mirror.`} />
          </div>
        </>
      )}
    </div>
  );
}
