// Prisma's schema engine (migrate/diff logic) from its wasm build, driven through a driver adapter, so migration work
// runs offline without the native engine binary. Dev tooling and tests only: the app applies migrations with
// lib/db/migrate.ts. This uses an internal Prisma API; package.json pins the engine to the CLI's exact hash.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// One wasm instance per process: the generated bindings keep it in module state, so a second instantiation would
// pull the memory out from under engines already open.
let wasm;
function loadWasm() {
  return (wasm ??= (async () => {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
    const dir = path.join(root, "node_modules/@prisma/schema-engine-wasm");
    const bg = await import(path.join(dir, "schema_engine_bg.js"));
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
    return bg;
  })());
}

/**
 * @param {{ schemaPath: string, sqliteFile?: string }} options schemaPath: the schema folder (every .prisma file in it)
 *   or one file; sqliteFile defaults to an in-memory database
 * @returns the engine; call its methods (diff, applyMigrations, diagnoseMigrationHistory, …), then engine.close()
 */
/** The schema's files: every .prisma file of a folder (sorted), or the one file given. */
export function schemaFiles(schemaPath) {
  const paths = fs.statSync(schemaPath).isDirectory()
    ? fs.readdirSync(schemaPath).filter((name) => name.endsWith(".prisma")).sort().map((name) => path.join(schemaPath, name))
    : [schemaPath];
  return paths.map((file) => ({ path: file, content: fs.readFileSync(file, "utf8") }));
}

export async function openSchemaEngine({ schemaPath, sqliteFile = ":memory:" }) {
  const bg = await loadWasm();
  const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");
  const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");
  const factory = withMultiStatementRaw(
    new PrismaBetterSqlite3({ url: sqliteFile === ":memory:" ? ":memory:" : `file:${sqliteFile}` }),
  );
  const engine = await bg.SchemaEngine.new(
    { datamodels: schemaFiles(schemaPath).map((file) => [file.path, file.content]) },
    (log) => process.env.DEBUG && console.error(log),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  /** Frees the engine and closes its database connections (so that others can take the file). */
  engine.close = async () => {
    engine.free();
    await Promise.all(factory.opened.map((adapter) => adapter.dispose()));
  };
  return engine;
}

/** The committed migrations in the shape the Prisma CLI hands the engine (names relative to the directory). */
export function migrationsList(migrationsDir) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const names = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** SQL that takes a database built from the committed migrations to the current schema ("" when they agree). */
export async function pendingSchemaSql({ schemaPath, migrationsDir }) {
  const engine = await openSchemaEngine({ schemaPath });
  try {
    const to = { tag: "schemaDatamodel", files: schemaFiles(schemaPath) };
    const res = await engine.diff({
      from: { tag: "migrations", ...migrationsList(migrationsDir) },
      to,
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (res.stdout ?? "").trim();
  } finally {
    await engine.close();
  }
}

// The 7.10 wasm engine replays migration scripts on the shadow database through executeRaw, which better-sqlite3's
// prepare() refuses for more than one statement; route those scripts to executeScript instead.
function withMultiStatementRaw(factory) {
  factory.opened = [];
  const patch = (adapter) => {
    factory.opened.push(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (!(error instanceof RangeError) || query.args?.length) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}
