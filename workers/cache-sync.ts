// cache-sync: the cache sync loop on its own, for installations that run it apart from the web server (set
// GANTRY_SYNC_INTERVAL=0 for the server, and this process's interval with --interval). Reads the same configuration
// as server.ts: DATABASE_URL / GANTRY_DATA_DIR and GANTRY_SECRET_KEY (or $GANTRY_DATA_DIR/secret-key).
//   node --import tsx workers/cache-sync.ts [--interval SECONDS]
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";
import { parseDatabaseUrl } from "../lib/db/database-url";
import { sqliteCacheWriter } from "../lib/manager/cache/sqlite-cache-writer";
import { startCacheSync } from "../lib/manager/cache/sync-loop";
import { rapiConnector } from "../lib/manager/clusters/cluster-connection";
import { loadOrCreateSecretKey, SecretBox } from "../lib/manager/secrets/secret-box";
import { mailSettings } from "../lib/manager/mail/mail-settings";
import { loadServerConfig } from "../lib/server/config";
import { onShutdownSignal } from "../lib/server/shutdown";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { interval: { type: "string", default: "30" } }, strict: true });
  const interval = Number(values.interval);
  if (!Number.isInteger(interval) || interval < 1) {
    console.error(`cache-sync: --interval: give a whole number of seconds ≥ 1, not '${values.interval}'`);
    process.exit(2);
  }
  const config = loadServerConfig();
  const box = SecretBox.fromKey(config.secretKey ?? loadOrCreateSecretKey(config.dataDir).key);
  const db = createPrismaClient(config.databaseUrl);
  const writer = sqliteCacheWriter(parseDatabaseUrl(config.databaseUrl).file);
  const loop = startCacheSync({ db, box, connect: rapiConnector, writer, intervalMs: interval * 1000, log: (line) => console.log(line), mail: mailSettings(config) });
  console.log(`cache-sync: syncing every cluster of ${config.databaseUrl} every ${interval} s`);
  onShutdownSignal(async () => {
    await loop.stop();
    writer.close();
    await db.$disconnect();
  });
}

main().catch((error) => {
  console.error(`cache-sync: ${isAppError(error) ? error.message : (error as Error).stack}`);
  process.exit(1);
});
