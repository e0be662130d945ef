"use client";
// The clusters registry: every cluster with its sync state and actions, and the form that adds one.
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, table, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ClusterAddForm } from "./cluster-add-form";
import { ClusterRow } from "./cluster-row";
import type { ClusterView } from "./types";

export function ClustersAdmin() {
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ClusterView[]>("/api/clusters"), refetchInterval: 15_000 });
  return (
    <>
      <ClusterAddForm />
      <h2 className="mb-3 text-lg font-medium">Clusters</h2>
      <ErrorAlert error={clusters.error} />
      {clusters.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {clusters.data && (
        <div className={`${card} overflow-x-auto p-0`}>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}>Cluster</th>
                <th scope="col" className={th}>Kind</th>
                <th scope="col" className={th}>RAPI</th>
                <th scope="col" className={th}>Read-only</th>
                <th scope="col" className={th}>Sync</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {clusters.data.length === 0 && (
                <tr><td colSpan={6} className="px-3 py-6 text-center text-sm text-slate-500">No cluster yet.</td></tr>
              )}
              {clusters.data.map((c) => <ClusterRow key={c.id} cluster={c} />)}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
