import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrateSqlite, readMigrations, type Migration } from "@/lib/db/migrate";
import { makeTempDir } from "@/lib/db/testing";

const dirs: string[] = [];
const tempDb = () => {
  const dir = makeTempDir("gantry-migrate-");
  dirs.push(dir);
  return path.join(dir, "test.db");
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-of-${sql}` });
const tables = (file: string) =>
  (new Database(file).prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const bookkeeping = (file: string) =>
  new Database(file).prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all() as Array<Record<string, unknown>>;

describe("migrateSqlite", () => {
  it("creates the schema on a new database and records each migration as Prisma does", () => {
    const file = tempDb();
    const result = migrateSqlite(file);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    expect(tables(file)).toEqual(expect.arrayContaining(["User", "Group", "GroupMembership", "SignInThrottle", "_prisma_migrations"]));
    const [row] = bookkeeping(file);
    expect(row).toMatchObject({ migration_name: readMigrations()[0]!.name, checksum: readMigrations()[0]!.checksum, applied_steps_count: 1, rolled_back_at: null, logs: null });
    expect(String(row!.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });

  it("applies nothing the second time", () => {
    const file = tempDb();
    migrateSqlite(file);
    expect(migrateSqlite(file)).toEqual({ applied: [], alreadyApplied: readMigrations().length, warnings: [] });
  });

  it("applies only what is new, in name order", () => {
    const file = tempDb();
    const first = migration("20260101000000_a", `CREATE TABLE "A" (id INTEGER);`);
    const second = migration("20260102000000_b", `CREATE TABLE "B" (id INTEGER);`);
    migrateSqlite(file, [first]);
    expect(migrateSqlite(file, [first, second]).applied).toEqual(["20260102000000_b"]);
    expect(tables(file)).toEqual(["A", "B", "_prisma_migrations"]);
  });

  it("leaves the database untouched when a migration fails, and says which one", () => {
    const file = tempDb();
    const good = migration("20260101000000_good", `CREATE TABLE "Good" (id INTEGER);`);
    const bad = migration("20260102000000_bad", `CREATE TABLE "Half" (id INTEGER); INSERT INTO "Missing" VALUES (1);`);
    expect(() => migrateSqlite(file, [good, bad])).toThrow(
      /Database migration 20260102000000_bad failed \(no such table: Missing\); the database was left as it was before it\./,
    );
    expect(tables(file)).toEqual(["Good", "_prisma_migrations"]);
    expect(bookkeeping(file).map((r) => r.migration_name)).toEqual(["20260101000000_good"]);
  });

  it("warns about a migration edited after it was applied, and about ones it does not know", () => {
    const file = tempDb();
    migrateSqlite(file, [migration("1_a", `CREATE TABLE "A" (id INTEGER);`), migration("2_b", `CREATE TABLE "B" (id INTEGER);`)]);
    const result = migrateSqlite(file, [migration("1_a", `CREATE TABLE "A" (id INTEGER, extra TEXT);`)]);
    expect(result.applied).toEqual([]);
    expect(result.warnings).toEqual([
      "migration 1_a was modified after it was applied; the database keeps the applied version",
      "the database has migration 2_b, which this version of Gantry does not know (a newer version ran here?)",
    ]);
  });

  it("refuses to go on after a migration that Prisma recorded as failed", () => {
    const file = tempDb();
    migrateSqlite(file, []);
    new Database(file)
      .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'c', '9_broken', '2026-01-01', 0)`)
      .run();
    expect(() => migrateSqlite(file, [])).toThrow(/migration 9_broken failed in an earlier run; .*prisma migrate resolve --rolled-back 9_broken/);
  });
});
