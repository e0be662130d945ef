// The cache sync loop: every cluster is synced when its interval has passed, or within a second of someone asking
// (requestSync: an admin's "refresh"), and after a job the manager submitted has ended (lib/manager/jobs/follow-jobs),
// one cluster at a time. The memo of each cluster's last sync lives here, so steady-state syncs read only what changed.
import type { Db } from "@/lib/db/client";
import { followJobs } from "@/lib/manager/jobs/follow-jobs";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { syncCluster, type SyncDeps, type SyncMemo, type SyncReport } from "./sync-cluster";

export type CacheSyncOptions = SyncDeps & {
  /** For the e-mails a job's end sends (an approved VM request created or failed). */
  mail: MailSettings;
  intervalMs: number;
  /** How often the loop looks for clusters that are due. */
  tickMs?: number;
  log?: (line: string) => void;
};

export type CacheSync = {
  /** Syncs one cluster now (waits for a sync in progress first). */
  syncNow(clusterId: string): Promise<SyncReport>;
  stop(): Promise<void>;
};

export function startCacheSync(options: CacheSyncOptions): CacheSync {
  const { db, intervalMs, tickMs = 1000, log = () => undefined } = options;
  const memos = new Map<string, SyncMemo>();
  const attempted = new Map<string, number>();
  const failing = new Set<string>();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const syncOne = async (clusterId: string): Promise<SyncReport> => {
    const asked = Date.now();
    attempted.set(clusterId, asked);
    const report = await syncCluster(options, clusterId, memos.get(clusterId) ?? null);
    if (report.memo) memos.set(clusterId, report.memo);
    // A request made while this sync ran asks for another one.
    await db.cluster.updateMany({ where: { id: clusterId, syncRequestedAt: { lte: new Date(asked) } }, data: { syncRequestedAt: null } });
    if (!report.ok && !failing.has(clusterId)) log(`cache-sync: cluster ${clusterId}: ${report.error}`);
    if (report.ok && failing.has(clusterId)) log(`cache-sync: cluster ${clusterId} answers again`);
    if (report.ok) failing.delete(clusterId);
    else failing.add(clusterId);
    return report;
  };
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = running.then(work, work);
    running = result.catch(() => undefined);
    return result;
  };

  const tick = async () => {
    await followJobs(options, (id) => exclusive(() => syncOne(id)), log);
    const clusters = await db.cluster.findMany({ select: { id: true, syncRequestedAt: true } });
    const ids = new Set(clusters.map((c) => c.id));
    for (const id of memos.keys()) if (!ids.has(id)) memos.delete(id);
    const now = Date.now();
    for (const cluster of clusters) {
      if (stopped) return;
      const last = attempted.get(cluster.id) ?? 0;
      const requested = cluster.syncRequestedAt !== null && cluster.syncRequestedAt.getTime() >= last;
      if (requested || now - last >= intervalMs) await exclusive(() => syncOne(cluster.id));
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: Error) => log(`cache-sync: ${error.message}`))
        .finally(schedule);
    }, tickMs);
    timer.unref();
  };
  schedule();

  return {
    syncNow: (clusterId) => exclusive(() => syncOne(clusterId)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Asks the sync loop (in whichever process it runs) to sync a cluster within a second. */
export async function requestSync(db: Pick<Db, "cluster">, clusterId: string): Promise<void> {
  await db.cluster.updateMany({ where: { id: clusterId }, data: { syncRequestedAt: new Date() } });
}

export type Freshness = "never" | "fresh" | "stale";

/** A cluster's cache is stale when its last sync failed or is older than three intervals. */
export function cacheFreshness(cluster: { syncedAt: Date | null; syncErrorAt: Date | null }, intervalMs: number, now = Date.now()): Freshness {
  if (!cluster.syncedAt) return "never";
  if (cluster.syncErrorAt && cluster.syncErrorAt >= cluster.syncedAt) return "stale";
  return now - cluster.syncedAt.getTime() > 3 * intervalMs ? "stale" : "fresh";
}
