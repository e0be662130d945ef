// A superuser searches the audit log, newest first, a page at a time. Reading the log is not itself audited (a
// refused attempt is, as for every superuser-only use case).
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { pageFields } from "@/lib/manager/paging";
import { auditFilterInput, auditWhere, countMatching, entriesInOrder, matchingIds } from "./audit-filter";
import { auditItem, type AuditItem } from "./audit-view";

export const MAX_PAGE_SIZE = 500;

export const searchAuditInput = auditFilterInput.extend(pageFields(50, MAX_PAGE_SIZE));

export type AuditPage = { total: number; page: number; pageSize: number; items: AuditItem[] };

export async function searchAudit({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<AuditPage> {
  await requireSuperuser(db, actor, { action: "audit.search" });
  const { page, pageSize, ...filter } = parseInput(searchAuditInput, input);
  const where = auditWhere(filter);
  const total = await countMatching(db, where);
  const ids = await matchingIds(db, where, { limit: pageSize, offset: (page - 1) * pageSize });
  return { total, page, pageSize, items: (await entriesInOrder(db, ids)).map(auditItem) };
}
