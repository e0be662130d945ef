"use client";
// A cluster's own page: what it says of itself (version, master, hypervisors, disk templates, instance policy), its
// groups with capacity, and for cluster admins "Redistribute configuration" and the rebalance preview.
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/error-alert";
import { badge, card } from "@/components/ui/styles";
import { CapacityBars } from "./capacity-bars";
import { ClusterSyncNote } from "./cluster-sync-note";
import { IPolicyTable } from "./ipolicy-table";
import { RebalancePreview } from "./rebalance-preview";
import { RedistributeButton } from "./redistribute-button";
import { administers } from "./types";
import { useClusterOverview, useClusters } from "./use-cluster-data";

const Fact = ({ term, children }: { term: string; children: React.ReactNode }) => (
  <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt><dd className="mt-0.5 text-sm text-slate-900">{children}</dd></div>
);
const list = (items: string[] | undefined) => (items?.length ? <span className="flex flex-wrap gap-1">{items.map((i) => <span key={i} className={badge}>{i}</span>)}</span> : "—");

export function ClusterPage({ slug }: { slug: string }) {
  const clusters = useClusters();
  const overview = useClusterOverview(slug);
  const admin = administers(clusters.data?.find((c) => c.slug === slug)?.permissions ?? []);
  const data = overview.data;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500"><Link href="/" className="hover:underline">Overview</Link> / cluster</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Cluster {slug}</h1>
        {data && <div className="mt-1"><ClusterSyncNote {...data.cluster} /></div>}
      </div>
      <ErrorAlert error={overview.error} />
      {data && (
        <>
          {data.infoError && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">The cluster did not answer: {data.infoError}</p>}
          <dl className={`${card} grid gap-4 sm:grid-cols-2 lg:grid-cols-3`}>
            <Fact term="Name">{data.info?.name ?? data.cluster.name}</Fact>
            <Fact term="Software version">{data.info?.softwareVersion ?? "—"}</Fact>
            <Fact term="Master">{data.info?.master ?? "—"}</Fact>
            <Fact term="Hypervisors">{list(data.info?.enabledHypervisors)}{data.info && <span className="text-xs text-slate-500"> default {data.info.defaultHypervisor}</span>}</Fact>
            <Fact term="Disk templates">{list(data.info?.enabledDiskTemplates)}</Fact>
            <Fact term="Kind">{data.cluster.kind}{data.cluster.readOnly ? " · read-only in Gantry" : ""}{data.info?.defaultIallocator ? ` · allocator ${data.info.defaultIallocator}` : ""}</Fact>
          </dl>
          <section aria-labelledby="capacity" className={`${card} space-y-4`}>
            <h2 id="capacity" className="text-lg font-semibold text-slate-900">Capacity</h2>
            <CapacityBars capacity={data.capacity} label={slug} vcpuRatio={data.info?.ipolicy?.["vcpu-ratio"]} />
            <ul className="space-y-3 border-t border-slate-100 pt-3" aria-label="Node groups">
              {data.groups.map((g) => (
                <li key={g.name}>
                  <p className="mb-1 text-sm font-medium text-slate-800">Group {g.name} <span className="font-normal text-slate-500">· {g.nodeCount} nodes · allocation {g.allocPolicy}</span></p>
                  <CapacityBars capacity={g.capacity} label={`group ${g.name}`} vcpuRatio={data.info?.ipolicy?.["vcpu-ratio"]} />
                </li>
              ))}
            </ul>
            <Link href="/nodes" className="text-sm text-brand-700 hover:underline">All nodes</Link>
          </section>
          {data.info?.ipolicy && (
            <section aria-labelledby="ipolicy" className="space-y-2">
              <h2 id="ipolicy" className="text-lg font-semibold text-slate-900">Instance policy</h2>
              <IPolicyTable ipolicy={data.info.ipolicy} />
            </section>
          )}
          {admin && !data.cluster.readOnly && <RedistributeButton slug={slug} />}
          {admin && <RebalancePreview slug={slug} />}
        </>
      )}
    </div>
  );
}
