// The check every use case makes before it changes anything: allowed, or refused with "forbidden" saying what is
// missing — and the refusal audited (an admin sees who tried what).
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditRecord } from "@/lib/manager/audit/audit-log";
import { allows, type Access, type Target } from "./access";
import { refusalText, type Action } from "./rules";

/** `says`: what was tried, when more exact than the rule's words (e.g. naming a parameter). */
export async function authorize(db: Pick<Db, "auditEntry">, access: Access, action: Action, target: Target, attempt: Omit<AuditRecord, "result">, says?: string): Promise<void> {
  if (allows(access, action, target)) return;
  const message = refusalText(action, says);
  await recordAudit(db, access.actor, { clusterId: target.clusterId, ...attempt, result: "refused", message });
  throw new AppError("forbidden", message);
}
