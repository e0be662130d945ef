// Test support: a real SQLite database in a temporary directory, migrated exactly as at start-up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";

export type TestDatabase = { db: Db; file: string; dir: string; cleanup: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-test-db-"));
  const file = path.join(dir, "gantry.db");
  migrateSqlite(file);
  const db = createPrismaClient(`file:${file}`);
  return {
    db,
    file,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function makeTempDir(prefix = "gantry-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
