// Prisma CLI configuration. The app itself does not read this file: it connects through a driver adapter
// (lib/db/client.ts) and applies migrations with lib/db/migrate.ts. This file lets `prisma migrate deploy`,
// `prisma studio` and friends work where Prisma's native engine is available.
import path from "node:path";
import { defineConfig } from "prisma/config";

const dataDir = process.env.GANTRY_DATA_DIR ?? "./data";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? `file:${path.resolve(dataDir, "gantry.db")}`,
  },
});
