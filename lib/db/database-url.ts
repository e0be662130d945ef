// DATABASE_URL → what to open. SQLite (file:) is the embedded default and the only provider so far; a PostgreSQL
// variant of the schema is planned (see prisma/schema/*.prisma) and will add its scheme here.
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";

export type DatabaseTarget = { provider: "sqlite"; file: string };

export function parseDatabaseUrl(url: string, baseDir = process.cwd()): DatabaseTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") {
    throw new AppError(
      "config_invalid",
      `DATABASE_URL: PostgreSQL is not supported yet; use a SQLite URL such as file:./data/gantry.db (got ${redact(url)}).`,
    );
  }
  if (scheme !== "file") {
    throw new AppError(
      "config_invalid",
      `DATABASE_URL must be a SQLite URL such as file:./data/gantry.db (got ${JSON.stringify(redact(url))}).`,
    );
  }
  const rest = url.slice("file:".length).split("?")[0]!;
  const file = rest.startsWith("//") ? rest.slice(2) : rest;
  if (!file || file.endsWith("/") || file === ":memory:") {
    throw new AppError(
      "config_invalid",
      `DATABASE_URL must name a database file, e.g. file:./data/gantry.db (got ${JSON.stringify(url)}).`,
    );
  }
  return { provider: "sqlite", file: path.resolve(baseDir, decodeURIComponent(file)) };
}

/** Hides a password in a URL before it goes into a message. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
