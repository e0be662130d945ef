// Applies the committed migrations (prisma/migrations/<name>/migration.sql) at start-up, keeping Prisma's own
// _prisma_migrations bookkeeping (same table, checksum = sha256 of the file, RFC 3339 timestamps) so that
// `prisma migrate deploy` and `prisma migrate status` accept a database migrated here, and the other way round.
// Each migration runs in one IMMEDIATE transaction together with its bookkeeping row: a crash or an error leaves the
// database exactly as before that migration, and two processes starting at once do not both apply it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors/app-error";

export type Migration = { name: string; sql: string; checksum: string };

export type MigrateResult = { applied: string[]; alreadyApplied: number; warnings: string[] };

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null };

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) throw new AppError("config_invalid", `No migrations directory at ${dir}; run Gantry from its checkout.`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Migrates the SQLite database in `file` (created when missing). */
export function migrateSqlite(file: string, migrations: Migration[] = readMigrations()): MigrateResult {
  const db = new Database(file, { timeout: 10_000 });
  try {
    // WAL lets the server and workers read while one writes; the mode is stored in the file, so set it only once
    // (switching needs the database to itself).
    if (db.pragma("journal_mode", { simple: true }) !== "wal") db.pragma("journal_mode = WAL");
    db.exec(CREATE_MIGRATIONS_TABLE);
    const result: MigrateResult = { applied: [], alreadyApplied: 0, warnings: [] };
    refuseFailedMigrations(db);
    for (const migration of migrations) {
      const outcome = applyOne(db, migration);
      if (outcome === "applied") result.applied.push(migration.name);
      else {
        result.alreadyApplied += 1;
        if (outcome === "modified") {
          result.warnings.push(`migration ${migration.name} was modified after it was applied; the database keeps the applied version`);
        }
      }
    }
    const known = new Set(migrations.map((m) => m.name));
    for (const row of appliedRows(db)) {
      if (!known.has(row.migration_name)) {
        result.warnings.push(`the database has migration ${row.migration_name}, which this version of Gantry does not know (a newer version ran here?)`);
      }
    }
    return result;
  } finally {
    db.close();
  }
}

function applyOne(db: Database.Database, migration: Migration): "applied" | "present" | "modified" {
  const run = db.transaction((): "applied" | "present" | "modified" => {
    const row = db
      .prepare(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL AND finished_at IS NOT NULL`)
      .get(migration.name) as { checksum: string } | undefined;
    if (row) return row.checksum === migration.checksum ? "present" : "modified";
    const startedAt = rfc3339(new Date());
    db.exec(migration.sql);
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(crypto.randomUUID(), migration.checksum, rfc3339(new Date()), migration.name, startedAt);
    return "applied";
  });
  try {
    return run.immediate();
  } catch (error) {
    throw new AppError(
      "database_unavailable",
      `Database migration ${migration.name} failed (${(error as Error).message}); the database was left as it was before it.`,
      { cause: error },
    );
  }
}

function refuseFailedMigrations(db: Database.Database): void {
  const failed = appliedRows(db).find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new AppError(
      "database_unavailable",
      `Database migration ${failed.migration_name} failed in an earlier run; repair the database, then mark it with ` +
        `\`prisma migrate resolve --rolled-back ${failed.migration_name}\` (or restore a backup).`,
    );
  }
}

const appliedRows = (db: Database.Database) =>
  db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as AppliedRow[];

/** Prisma writes `2026-11-22T02:50:32.393+00:00`. */
const rfc3339 = (date: Date) => date.toISOString().replace("Z", "+00:00");
