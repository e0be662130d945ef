"use client";
// The broadcast page: a notice to the owners of a cluster's, a node's or chosen VMs, for the clusters this user may
// broadcast on (all for superusers, their own for cluster admins), and the archive of those sent.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { BroadcastArchive } from "./broadcast-archive";
import { BroadcastForm } from "./broadcast-form";
import type { ArchivedBroadcast, ListedCluster, ScopeChoice } from "./types";

export function BroadcastAdmin({ initial }: { initial: Partial<ScopeChoice> }) {
  const queryClient = useQueryClient();
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  const archive = useQuery({ queryKey: ["broadcasts"], queryFn: () => fetchJson<ArchivedBroadcast[]>("/api/broadcasts") });
  const mine = (clusters.data ?? []).filter((c) => c.permissions.some((p) => p === "admin" || p === "superuser")).map((c) => c.slug);
  return (
    <>
      <section className={`${card} mb-8`} aria-labelledby="broadcast-new">
        <h2 id="broadcast-new" className="mb-1 text-lg font-medium">A new notice</h2>
        <p className="mb-4 text-sm text-slate-600">An e-mail to everyone who owns one of the VMs chosen, themselves or through a group: a maintenance window, a move, a change of policy.</p>
        <ErrorAlert error={clusters.error} />
        {clusters.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {clusters.data && mine.length === 0 && <p className="text-sm text-slate-600">There is no cluster you administer.</p>}
        {mine.length > 0 && <BroadcastForm clusters={mine} initial={initial} onSent={() => void queryClient.invalidateQueries({ queryKey: ["broadcasts"] })} />}
      </section>
      <h2 className="mb-3 text-lg font-medium">Sent notices</h2>
      <ErrorAlert error={archive.error} />
      {archive.data && <BroadcastArchive items={archive.data} />}
    </>
  );
}
