"use client";
// A cluster's capacity at a glance: memory and disk bars for the cluster and each group, VMs by status, and the node
// table with a bar per node.
import Link from "next/link";
import { CapacityBars } from "@/components/clusters/capacity-bars";
import { NodeTable } from "@/components/clusters/node-table";
import { clusterHref } from "@/components/clusters/types";
import { useClusterOverview, useNodes } from "@/components/clusters/use-cluster-data";
import { StatusBadge } from "@/components/instances/status-badge";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";

export function ClusterCapacity({ slug }: { slug: string }) {
  const overview = useClusterOverview(slug);
  const nodes = useNodes(slug);
  const data = overview.data;
  return (
    <div className="space-y-4">
      <ErrorAlert error={overview.error} />
      {data && (
        <div className={`${card} space-y-4`} role="group" aria-label={`Capacity of ${slug}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-900">Capacity</h3>
            <Link href={clusterHref(slug)} className="text-sm text-brand-700 hover:underline">Cluster details and rebalance</Link>
          </div>
          <CapacityBars capacity={data.capacity} label={slug} vcpuRatio={data.info?.ipolicy?.["vcpu-ratio"]} />
          {data.groups.length > 1 && (
            <ul className="space-y-3 border-t border-slate-100 pt-3">
              {data.groups.map((g) => (
                <li key={g.name}>
                  <p className="mb-1 text-xs font-medium text-slate-700">Group {g.name}</p>
                  <CapacityBars capacity={g.capacity} label={`${slug} group ${g.name}`} vcpuRatio={data.info?.ipolicy?.["vcpu-ratio"]} />
                </li>
              ))}
            </ul>
          )}
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3 text-sm text-slate-700">
            <span className="text-xs font-medium uppercase tracking-wide text-slate-500">VMs</span>
            {Object.keys(data.instances).length === 0 && <span className="text-slate-500">none yet</span>}
            {Object.entries(data.instances).map(([status, count]) => (
              <Link key={status} href={`/instances?cluster=${encodeURIComponent(slug)}&status=${encodeURIComponent(status)}`} className="inline-flex items-center gap-1 hover:underline">
                <StatusBadge status={status} /> <span className="tabular-nums">{count}</span>
              </Link>
            ))}
          </div>
        </div>
      )}
      <ErrorAlert error={nodes.error} />
      {nodes.data && <NodeTable cluster={slug} nodes={nodes.data.nodes} />}
    </div>
  );
}
