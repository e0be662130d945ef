// The check every use case makes before it changes anything: allowed, or refused with "forbidden" saying what is
// missing — and the refusal audited (an admin sees who tried what).
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditRecord } from "@/lib/manager/audit/audit-log";
import { allows, type Access, type Target } from "./access";
import { requirementText, RULES, type Action } from "./rules";

export async function authorize(db: Pick<Db, "auditEntry">, access: Access, action: Action, target: Target, attempt: Omit<AuditRecord, "result">): Promise<void> {
  if (allows(access, action, target)) return;
  const message = `Not allowed: ${RULES[action].says} needs ${requirementText(action)}.`;
  await recordAudit(db, access.actor, { clusterId: target.clusterId, ...attempt, result: "refused", message });
  throw new AppError("forbidden", message);
}
