// The audit row of a successful change to a group: before and after as groupAuditState pictures them.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { groupAuditState, type GroupRow } from "./group-view";

export type GroupAction = "group.create" | "group.update" | "group.delete" | "group.set_members";

export async function auditGroupChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: GroupAction,
  change: { before?: GroupRow; after?: GroupRow },
  message?: string,
): Promise<void> {
  const group = (change.after ?? change.before)!;
  await recordAudit(tx, actor, {
    action,
    result: "success",
    object: { type: "group", id: group.id, name: group.name },
    before: change.before && groupAuditState(change.before),
    after: change.after && groupAuditState(change.after),
    message,
  });
}

/** What requireSuperuser audits when it refuses an attempt on a group named in the request. */
export const groupAttempt = (action: GroupAction, which: string) => ({ action, object: { type: "group", id: which, name: which } });
