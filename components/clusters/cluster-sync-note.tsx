// How fresh the cache of a cluster is: its last sync, and the sync's error while it lasts (role=alert).
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" }) : "never");

export function ClusterSyncNote({ syncedAt, syncError, syncErrorAt }: { syncedAt: string | null; syncError: string; syncErrorAt: string | null }) {
  return (
    <div className="text-xs">
      <span className="text-slate-600">Cache synced {when(syncedAt)}</span>
      {syncError && <p role="alert" className="mt-1 rounded bg-red-50 px-2 py-1 text-red-700">Sync failing since {when(syncErrorAt)}: {syncError}</p>}
    </div>
  );
}
