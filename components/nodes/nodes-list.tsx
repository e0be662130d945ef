"use client";
// The nodes of every cluster the user sees whole, one table per cluster.
import Link from "next/link";
import { ClusterSyncNote } from "@/components/clusters/cluster-sync-note";
import { NodeTable } from "@/components/clusters/node-table";
import { clusterHref, seesWholeCluster, type ListedCluster } from "@/components/clusters/types";
import { useClusters, useNodes } from "@/components/clusters/use-cluster-data";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";

export function NodesList() {
  const clusters = useClusters();
  if (clusters.isError) return <ErrorAlert error={clusters.error} />;
  if (clusters.isPending) return <p className="text-sm text-slate-500">Loading clusters…</p>;
  const visible = clusters.data.filter((c) => seesWholeCluster(c.permissions));
  if (visible.length === 0) return <p className={`${card} text-sm text-slate-600`}>You see no cluster whole, so no nodes are shown. Nodes are for cluster administrators; ask one if you need to see them.</p>;
  return <div className="space-y-8">{visible.map((c) => <ClusterNodes key={c.slug} cluster={c} />)}</div>;
}

function ClusterNodes({ cluster }: { cluster: ListedCluster }) {
  const nodes = useNodes(cluster.slug);
  return (
    <section aria-labelledby={`nodes-${cluster.slug}`} className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`nodes-${cluster.slug}`} className="text-lg font-semibold text-slate-900"><Link href={clusterHref(cluster.slug)} className="hover:underline">Cluster {cluster.slug}</Link></h2>
        <ClusterSyncNote {...cluster} />
      </div>
      <ErrorAlert error={nodes.error} />
      {nodes.isPending && <p className="text-sm text-slate-500">Loading nodes…</p>}
      {nodes.data && <NodeTable cluster={cluster.slug} nodes={nodes.data.nodes} />}
    </section>
  );
}
