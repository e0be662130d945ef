// The filters of the audit log's search and CSV export, as they come from a query string (empty means absent), and
// the SQL that applies them. Raw SQL because Prisma cannot match text literally: its contains treats % and _ as
// wildcards, and "user.sign_in" holds one. Only ids are selected this way; the rows themselves come through Prisma.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { Prisma, type AuditEntry } from "@/lib/generated/prisma/client";

const absentIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Date would roll 2026-02-30 over to 2 March; a filter with an impossible day is a typo to point out instead. */
function realDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** An ISO date or instant; a date alone is that whole day in UTC (so "to=2026-12-06" includes the 6th). */
const isoBound = (field: string) =>
  z.string().trim().transform((text, ctx) => {
    const dateOnly = text.length === 10;
    const at = new Date(dateOnly ? `${text}T00:00:00Z` : text);
    if (!ISO.test(text) || Number.isNaN(at.getTime()) || !realDay(text)) {
      ctx.addIssue({ code: "custom", message: `${field}: an ISO date such as 2026-12-06 or an instant such as 2026-12-06T14:30:00Z.` });
      return z.NEVER;
    }
    return { at, dateOnly, text };
  });

export const auditFilterFields = {
  q: absentIfEmpty(z.string().trim().max(200, "Search text: at most 200 characters.")),
  action: absentIfEmpty(z.string().trim().max(100, "Action: at most 100 characters.")),
  actor: absentIfEmpty(z.string().trim().toLowerCase().max(254, "Actor: an e-mail, at most 254 characters.")),
  result: absentIfEmpty(z.enum(["success", "refused", "failed"], { error: "Result: success, refused or failed." })),
  objectType: absentIfEmpty(z.string().trim().max(50, "Object type: at most 50 characters.")),
  clusterId: absentIfEmpty(z.string().trim().max(100, "Cluster: at most 100 characters.")),
  from: absentIfEmpty(isoBound("From")),
  to: absentIfEmpty(isoBound("To")),
};

export const auditFilterInput = z.object(auditFilterFields).strict();
export type AuditFilter = z.output<typeof auditFilterInput>;

const DAY_MS = 86_400_000;

/** A LIKE pattern that matches the text literally (Prisma's contains/startsWith leave % and _ as wildcards). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, "\\$&");
const like = (column: string, pattern: string) => Prisma.sql`${Prisma.raw(`"${column}"`)} LIKE ${pattern} ESCAPE '\\'`;

/**
 * The filter as an SQL condition on "AuditEntry": free text over e-mail, object name, action and message, the action
 * by prefix (both without regard to ASCII case, as SQLite's LIKE), the rest exact; dates compare as Prisma stores them.
 */
export function auditWhere(filter: AuditFilter): Prisma.Sql {
  const { q, action, actor, result, objectType, clusterId, from, to } = filter;
  if (from && to && from.at > to.at) throw new AppError("wrong_input", "From: after To; swap them.");
  const conditions: Prisma.Sql[] = [];
  if (q) {
    const pattern = `%${likeLiteral(q)}%`;
    conditions.push(Prisma.sql`(${Prisma.join(["actorEmail", "objectName", "action", "message"].map((c) => like(c, pattern)), " OR ")})`);
  }
  if (action) conditions.push(like("action", `${likeLiteral(action)}%`));
  if (actor) conditions.push(Prisma.sql`"actorEmail" = ${actor}`);
  if (result) conditions.push(Prisma.sql`"result" = ${result}`);
  if (objectType) conditions.push(Prisma.sql`"objectType" = ${objectType}`);
  if (clusterId) conditions.push(Prisma.sql`"clusterId" = ${clusterId}`);
  if (from) conditions.push(Prisma.sql`"at" >= ${from.at}`);
  if (to) conditions.push(to.dateOnly ? Prisma.sql`"at" < ${new Date(to.at.getTime() + DAY_MS)}` : Prisma.sql`"at" <= ${to.at}`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`1 = 1`;
}

/** The ids of the matching rows, newest first (the id breaks ties of one millisecond, so that pages never overlap). */
export async function matchingIds(db: Db, where: Prisma.Sql, page: { limit: number; offset?: number }): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>(
    Prisma.sql`SELECT "id" FROM "AuditEntry" WHERE ${where} ORDER BY "at" DESC, "id" DESC LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`,
  );
  return rows.map((row) => row.id);
}

export async function countMatching(db: Db, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: bigint | number }>>(Prisma.sql`SELECT count(*) AS "n" FROM "AuditEntry" WHERE ${where}`);
  return Number(row?.n ?? 0);
}

/** The rows of these ids, in the ids' order. */
export async function entriesInOrder(db: Db, ids: string[]): Promise<AuditEntry[]> {
  const byId = new Map((await db.auditEntry.findMany({ where: { id: { in: ids } } })).map((entry) => [entry.id, entry]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
