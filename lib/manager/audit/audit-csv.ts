// A superuser exports the audit log as CSV, with the same filters as the search, newest first. The rows are read and
// written in batches (never the whole log in memory) and capped at 100,000, which a last line says. The export is
// audited ("audit.export") before any row leaves, and it lists the log as it stood when asked: later rows, its own
// included, are left out, so that the count it announces is the count it writes.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma, type AuditEntry } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { recordAudit } from "./audit-log";
import { auditFilterInput, auditWhere, countMatching, entriesInOrder, matchingIds, type AuditFilter } from "./audit-filter";
import { csvLine } from "./csv";

export const CSV_ROW_CAP = 100_000;
const BATCH = 1_000;

// page and pageSize are accepted and ignored: the export link can carry the search page's query string as it is.
export const auditCsvInput = auditFilterInput.extend({ page: z.unknown().optional(), pageSize: z.unknown().optional() });

const COLUMNS = ["at", "actorEmail", "actorId", "persona", "ip", "action", "result", "objectType", "objectId", "objectName", "clusterId", "jobId", "message", "before", "after"] as const;

const cells = (e: AuditEntry) => COLUMNS.map((column) => (column === "at" ? e.at.toISOString() : e[column]));

export type AuditCsv = { filename: string; rows: number; total: number; capped: boolean; chunks: AsyncIterable<string> };

export async function exportAuditCsv(
  { db }: { db: Db },
  { actor, input }: { actor: Actor; input: unknown },
  limits: { cap?: number; batch?: number } = {},
): Promise<AuditCsv> {
  const cap = limits.cap ?? CSV_ROW_CAP;
  await requireSuperuser(db, actor, { action: "audit.export" });
  const { page: _page, pageSize: _pageSize, ...filter } = parseInput(auditCsvInput, input);
  const asOf = new Date();
  const where = Prisma.sql`${auditWhere(filter)} AND "at" <= ${asOf}`;
  const total = await countMatching(db, where);
  const rows = Math.min(total, cap);
  const ownId = await recordAudit(db, actor, {
    action: "audit.export",
    result: "success",
    message: `CSV of ${rows} row(s)${total > cap ? ` (capped; ${total} matched)` : ""}; filters: ${describe(filter)}.`,
  });
  return {
    filename: `gantry-audit-${asOf.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "")}Z.csv`,
    rows,
    total,
    capped: total > cap,
    chunks: csvChunks(db, Prisma.sql`${where} AND "id" <> ${ownId}`, rows, total, limits.batch ?? BATCH),
  };
}

// Each batch continues after the last row written (keyset, not offset: the 100th batch costs what the first does).
async function* csvChunks(db: Db, where: Prisma.Sql, rows: number, total: number, batch: number): AsyncGenerator<string> {
  yield csvLine(COLUMNS);
  let written = 0;
  let last: AuditEntry | undefined;
  while (written < rows) {
    const after = last ? Prisma.sql` AND ("at" < ${last.at} OR ("at" = ${last.at} AND "id" < ${last.id}))` : Prisma.empty;
    const page = await entriesInOrder(db, await matchingIds(db, Prisma.sql`${where}${after}`, { limit: Math.min(batch, rows - written) }));
    if (page.length === 0) break;
    yield page.map((entry) => csvLine(cells(entry))).join("");
    written += page.length;
    last = page.at(-1);
  }
  if (total > rows) yield csvLine([`Export stopped at ${rows} rows of ${total}; narrow the filters (e.g. from/to) to export the rest.`]);
}

const describe = (filter: AuditFilter): string => {
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "object" ? value.text : value}`);
  return parts.length ? parts.join(", ") : "none";
};
