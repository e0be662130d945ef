"use client";
// The overview: for every cluster the user deals with, its sync state; where they see the whole cluster, its capacity
// (per cluster, per group, per node); for everyone, their own VMs, their quota and the recent jobs they may see.
import Link from "next/link";
import { ClusterSyncNote } from "@/components/clusters/cluster-sync-note";
import { clusterHref, seesWholeCluster, type ListedCluster } from "@/components/clusters/types";
import { useClusters } from "@/components/clusters/use-cluster-data";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { ClusterCapacity } from "./cluster-capacity";
import { MyQuota } from "./my-quota";
import { MyVms } from "./my-vms";
import { RecentJobs } from "./recent-jobs";

export function Overview({ userId, personas }: { userId: string; personas: string[] }) {
  const clusters = useClusters();
  if (clusters.isError) return <ErrorAlert error={clusters.error} />;
  if (clusters.isPending) return <p className="text-sm text-slate-500">Loading clusters…</p>;
  return (
    <div className="space-y-8">
      <MyVms userId={userId} />
      {clusters.data.length === 0 && <p className={`${card} text-sm text-slate-600`}>You deal with no cluster yet. Ask an administrator for a permission on one, or request a VM under Applications.</p>}
      {clusters.data.map((c) => <ClusterSection key={c.slug} cluster={c} personas={personas} />)}
    </div>
  );
}

function ClusterSection({ cluster, personas }: { cluster: ListedCluster; personas: string[] }) {
  const whole = seesWholeCluster(cluster.permissions);
  return (
    <section aria-labelledby={`cluster-${cluster.slug}`} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 pb-2">
        <h2 id={`cluster-${cluster.slug}`} className="text-lg font-semibold text-slate-900">
          {whole ? <Link href={clusterHref(cluster.slug)} className="hover:underline">Cluster {cluster.slug}</Link> : `Cluster ${cluster.slug}`}
          {cluster.name && cluster.name !== cluster.slug && <span className="ml-2 text-sm font-normal text-slate-500">{cluster.name}</span>}
        </h2>
        <ClusterSyncNote {...cluster} />
      </div>
      {whole && <ClusterCapacity slug={cluster.slug} />}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <MyQuota slug={cluster.slug} personas={personas} />
        <RecentJobs slug={cluster.slug} />
      </div>
    </section>
  );
}
