// A superuser searches the audit log, newest first, a page at a time. Reading the log is not itself audited (a
// refused attempt is, as for every superuser-only use case).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { auditFilterInput, auditWhere, countMatching, entriesInOrder, matchingIds } from "./audit-filter";
import { auditItem, type AuditItem } from "./audit-view";

export const MAX_PAGE_SIZE = 500;

export const searchAuditInput = auditFilterInput.extend({
  page: z.coerce.number({ error: "Page: a whole number from 1." }).int("Page: a whole number from 1.").min(1, "Page: a whole number from 1.").default(1),
  pageSize: z.coerce
    .number({ error: `Page size: 1 to ${MAX_PAGE_SIZE}.` })
    .int(`Page size: 1 to ${MAX_PAGE_SIZE}.`)
    .min(1, `Page size: 1 to ${MAX_PAGE_SIZE}.`)
    .max(MAX_PAGE_SIZE, `Page size: 1 to ${MAX_PAGE_SIZE}.`)
    .default(50),
});

export type AuditPage = { total: number; page: number; pageSize: number; items: AuditItem[] };

export async function searchAudit({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<AuditPage> {
  await requireSuperuser(db, actor, { action: "audit.search" });
  const { page, pageSize, ...filter } = parseInput(searchAuditInput, input);
  const where = auditWhere(filter);
  const total = await countMatching(db, where);
  const ids = await matchingIds(db, where, { limit: pageSize, offset: (page - 1) * pageSize });
  return { total, page, pageSize, items: (await entriesInOrder(db, ids)).map(auditItem) };
}
