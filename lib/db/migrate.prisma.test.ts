// The promise of lib/db/migrate.ts: Prisma's own migration engine (the logic behind `prisma migrate deploy` and
// `prisma migrate status`, here from its wasm build) accepts a database that Gantry migrated, and the committed
// migrations produce exactly prisma/schema/*.prisma.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";
import { makeTempDir } from "@/lib/db/testing";
// @ts-expect-error dev tooling written in plain JavaScript
import { migrationsList, noFilters, openSchemaEngine, pendingSchemaSql } from "@/scripts/lib/prisma-schema-engine.mjs";

const schemaPath = path.resolve("prisma/schema");
const migrationsDir = path.resolve("prisma/migrations");
const dir = makeTempDir("gantry-prisma-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("migrations and Prisma Migrate", () => {
  it("Prisma finds nothing to apply and no drift in a database Gantry migrated", async () => {
    const file = path.join(dir, "gantry.db");
    migrateSqlite(file);
    const engine = await openSchemaEngine({ schemaPath, sqliteFile: file });
    const list = migrationsList(migrationsDir);
    const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: noFilters });
    expect(diagnosis).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
    expect(await engine.applyMigrations({ migrationsList: list, filters: noFilters })).toEqual({ appliedMigrationNames: [] });
    await engine.close();
  });

  it("Gantry accepts a database that Prisma migrated", async () => {
    const file = path.join(dir, "by-prisma.db");
    const engine = await openSchemaEngine({ schemaPath, sqliteFile: file });
    await engine.applyMigrations({ migrationsList: migrationsList(migrationsDir), filters: noFilters });
    await engine.close();
    expect(migrateSqlite(file).applied).toEqual([]);
    expect(migrateSqlite(file).warnings).toEqual([]);
  });

  it("the committed migrations match prisma/schema/*.prisma (run `npm run db:migration -- <name>` after editing it)", async () => {
    const sql = await pendingSchemaSql({ schemaPath, migrationsDir });
    expect(sql === "" || sql.startsWith("-- This is an empty migration"), `schema changes without a migration:\n${sql}`).toBe(true);
  });
});
