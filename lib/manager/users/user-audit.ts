// The audit row of a successful change to a user account: before and after as userAuditState pictures them.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { userAuditState, type UserRow } from "./user-view";

export type UserAction = "user.create" | "user.update" | "user.reset_password" | "user.set_groups" | "user.change_password";

export async function auditUserChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: UserAction,
  change: { before?: UserRow; after: UserRow },
  message?: string,
): Promise<void> {
  await recordAudit(tx, actor, {
    action,
    result: "success",
    object: { type: "user", id: change.after.id, name: change.after.email },
    before: change.before && userAuditState(change.before),
    after: userAuditState(change.after),
    message,
  });
}

/** What requireSuperuser audits when it refuses an attempt on a user named in the request. */
export const userAttempt = (action: UserAction, which: string) => ({ action, object: { type: "user", id: which, name: which } });
