// The cache sync loop in the server process (GANTRY_SYNC_INTERVAL seconds; 0 leaves it to workers/cache-sync.ts).
import { db } from "@/lib/db/client";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { sqliteCacheWriter } from "@/lib/manager/cache/sqlite-cache-writer";
import { startCacheSync, type CacheSync } from "@/lib/manager/cache/sync-loop";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";
import { mailSettings } from "@/lib/manager/mail/mail-settings";
import type { ServerConfig } from "@/lib/server/config";

export function startServerCacheSync(config: ServerConfig, log: (line: string) => void): CacheSync | null {
  if (!config.syncIntervalSeconds) return null;
  const writer = sqliteCacheWriter(parseDatabaseUrl(config.databaseUrl).file);
  const loop = startCacheSync({ db: db(), box: installationSecretBox(), connect: rapiConnector, writer, intervalMs: config.syncIntervalSeconds * 1000, log, mail: mailSettings(config) });
  return { ...loop, stop: () => loop.stop().finally(() => writer.close()) };
}
