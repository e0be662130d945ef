// Everything that must hold before the app serves a request, in order: configuration, data directory, database
// (reachable and migrated), session secret, the key that seals secrets at rest, first administrator. Any failure is an
// AppError whose message is the one line server.ts prints before exiting.
import fs from "node:fs";
import path from "node:path";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { migrateSqlite, type MigrateResult } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/client";
import { loadOrCreateAuthSecret } from "@/lib/server/auth-secret";
import { loadServerConfig, type Env, type ServerConfig } from "@/lib/server/config";
import { ensureWritableDir } from "@/lib/server/data-dir";
import { loadOrCreateSecretKey } from "@/lib/manager/secrets/secret-box";
import { ensureInitialAdmin, type InitialAdminResult } from "@/lib/manager/users/ensure-initial-admin";

export type StartupReport = {
  config: ServerConfig;
  migrations: MigrateResult;
  authSecretCreated: boolean;
  secretKeyCreated: boolean;
  initialAdmin: InitialAdminResult;
};

export async function prepareServer(env: Env = process.env): Promise<StartupReport> {
  const config = loadServerConfig(env);
  ensureWritableDir(config.dataDir);
  const database = parseDatabaseUrl(config.databaseUrl);
  ensureWritableDir(path.dirname(database.file), "DATABASE_URL's directory");
  const migrations = openAndMigrate(database.file);

  const secret = config.authSecret ? { secret: config.authSecret, created: false } : loadOrCreateAuthSecret(config.dataDir);
  const secretKey = config.secretKey ? { key: config.secretKey, created: false } : loadOrCreateSecretKey(config.dataDir);
  // Next's route handlers run in this process and read these; normalised so that every part agrees.
  env.GANTRY_DATA_DIR = config.dataDir;
  env.DATABASE_URL = `file:${database.file}`;
  env.NEXTAUTH_SECRET = secret.secret;
  env.GANTRY_SECRET_KEY = secretKey.key;
  env.NEXTAUTH_URL = config.publicUrl;

  const db = createPrismaClient(env.DATABASE_URL);
  try {
    const initialAdmin = await ensureInitialAdmin(db, config.initialAdmin);
    return { config: { ...config, databaseUrl: env.DATABASE_URL }, migrations, authSecretCreated: secret.created, secretKeyCreated: secretKey.created, initialAdmin };
  } finally {
    await db.$disconnect();
  }
}

function openAndMigrate(file: string): MigrateResult {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new AppError("config_invalid", `DATABASE_URL points at ${file}, which is a directory; name a database file inside it.`);
  }
  try {
    return migrateSqlite(file);
  } catch (error) {
    if (isAppError(error)) throw error;
    const code = (error as { code?: string }).code;
    const why =
      code === "SQLITE_NOTADB" ? "is not a SQLite database"
      : code === "SQLITE_CANTOPEN" ? "cannot be opened"
      : code === "SQLITE_READONLY" ? "is read-only"
      : `cannot be used (${(error as Error).message})`;
    throw new AppError("config_invalid", `DATABASE_URL: ${file} ${why}; point DATABASE_URL at a writable SQLite file.`, {
      cause: error,
    });
  }
}
