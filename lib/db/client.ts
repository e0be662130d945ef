// The Prisma client for this process, over better-sqlite3 (Prisma 7 driver adapter, no query-engine binary).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isolatedAdapterFactory } from "@/lib/db/isolated-adapter";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { loadServerConfig } from "@/lib/server/config";

export type Db = InstanceType<typeof PrismaClient>;

export function createPrismaClient(databaseUrl: string): Db {
  const target = parseDatabaseUrl(databaseUrl);
  // busy timeout: the server and the workers share one SQLite file in WAL mode.
  const adapter = new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 10_000 });
  return new PrismaClient({ adapter: isolatedAdapterFactory(adapter) });
}

const globalForDb = globalThis as unknown as { gantryDb?: Db };

/** The process-wide client; server.ts has already validated DATABASE_URL and migrated the database. */
export function db(): Db {
  return (globalForDb.gantryDb ??= createPrismaClient(loadServerConfig().databaseUrl));
}
