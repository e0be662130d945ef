// Writing a sync's rows to SQLite straight through better-sqlite3: prepared statements, one transaction per sync.
// Prisma's createMany costs close to a millisecond per row here (its query compiler and argument handling), so a
// full sync of 40,000 instances would spend half a minute writing; prepared statements take microseconds per row.
// Only the cache tables (and the cluster's sync state) are written this way, with Prisma's columns and formats
// (DateTime as ISO text, Boolean as 0/1), so Prisma reads them as its own.
import Database from "better-sqlite3";
import type { Prisma } from "@/lib/generated/prisma/client";

type Row = Record<string, unknown>;

export type CacheChanges = {
  full: boolean;
  instances: Prisma.CachedInstanceCreateManyInput[];
  nodes: Prisma.CachedNodeCreateManyInput[];
  groups: Prisma.CachedGroupCreateManyInput[];
  jobs: Prisma.CachedJobCreateManyInput[];
  removed: { instances: string[]; nodes: string[]; groups: string[] };
  /** Owners restored from the VMs' owner tags (VMs without an InstanceOwner row): written as rows. */
  adoptedOwners?: Array<{ name: string; persona: string }>;
};

export type CacheWriter = {
  /** Applies one sync's changes and marks the cluster synced, atomically; the number of instance rows deleted. */
  apply(clusterId: string, changes: CacheChanges, durationMs: number): { removedInstances: number };
  close(): void;
};

const TABLES = {
  instances: { table: "CachedInstance", key: "name" },
  nodes: { table: "CachedNode", key: "name" },
  groups: { table: "CachedGroup", key: "name" },
  jobs: { table: "CachedJob", key: "jobId" },
} as const;

export function sqliteCacheWriter(file: string): CacheWriter {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const inserts = new Map<string, Database.Statement>();
  const insert = (table: string, row: Row) => {
    const columns = Object.keys(row);
    const id = `${table}:${columns.join(",")}`;
    let statement = inserts.get(id);
    if (!statement) {
      statement = db.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}, "syncedAt") VALUES (${columns.map((c) => `@${c}`).join(", ")}, @syncedAt)`);
      inserts.set(id, statement);
    }
    return statement;
  };
  const clearAll = (table: string) => db.prepare(`DELETE FROM "${table}" WHERE "clusterId" = ?`);
  const deleteOne = (table: string, key: string) => db.prepare(`DELETE FROM "${table}" WHERE "clusterId" = ? AND "${key}" = ?`);
  const statements = Object.fromEntries(
    Object.entries(TABLES).map(([kind, { table, key }]) => [kind, { table, clearAll: clearAll(table), deleteOne: deleteOne(table, key) }]),
  ) as Record<keyof typeof TABLES, { table: string; clearAll: Database.Statement; deleteOne: Database.Statement }>;
  const adoptOwner = db.prepare(`INSERT OR IGNORE INTO "InstanceOwner" ("clusterId", "instanceName", "persona", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`);
  const markSynced = db.prepare(`UPDATE "Cluster" SET "syncedAt" = ?, "syncDurationMs" = ?, "syncError" = '', "syncErrorAt" = NULL WHERE "id" = ?`);

  const apply = db.transaction((clusterId: string, changes: CacheChanges, durationMs: number) => {
    const now = new Date().toISOString();
    let removedInstances = 0;
    for (const kind of Object.keys(TABLES) as Array<keyof typeof TABLES>) {
      const { table, clearAll: clear, deleteOne: drop } = statements[kind];
      if (changes.full) clear.run(clusterId);
      if (kind !== "jobs") for (const name of changes.removed[kind]) removedInstances += kind === "instances" ? drop.run(clusterId, name).changes : (drop.run(clusterId, name), 0);
      for (const row of changes[kind] as Row[]) {
        const values: Row = { syncedAt: now };
        for (const [column, value] of Object.entries(row)) values[column] = typeof value === "boolean" ? Number(value) : (value ?? null);
        insert(table, row).run(values);
      }
    }
    for (const { name, persona } of changes.adoptedOwners ?? []) adoptOwner.run(clusterId, name, persona, now, now);
    markSynced.run(now, Math.round(durationMs), clusterId);
    return { removedInstances };
  });
  return { apply: (clusterId, changes, durationMs) => apply(clusterId, changes, durationMs), close: () => db.close() };
}
