// The cache's view of a cluster: when it last synced, and the error while syncs fail.
import type { ClusterView } from "./types";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function ClusterSyncState({ cluster }: { cluster: ClusterView & { freshness?: string } }) {
  return (
    <div className="text-xs">
      <div className="text-slate-700">Synced: {when(cluster.syncedAt)}</div>
      {cluster.freshness && <div className="text-slate-500">{cluster.freshness}</div>}
      {cluster.syncError && (
        <div className="mt-1 text-red-700">Failing since {when(cluster.syncErrorAt)}: {cluster.syncError}</div>
      )}
    </div>
  );
}
