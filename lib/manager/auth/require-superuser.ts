// Superuser-only use cases: anyone else is refused with "forbidden", and the refusal is audited (an admin sees who
// tried what).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit, type AuditRecord } from "@/lib/manager/audit/audit-log";

export async function requireSuperuser(db: Pick<PrismaClient, "auditEntry">, actor: Actor, attempt: Omit<AuditRecord, "result">): Promise<void> {
  if (actor.isAdmin) return;
  const message = "Only a superuser may do this.";
  await recordAudit(db, actor, { ...attempt, result: "refused", message });
  throw new AppError("forbidden", message);
}

/** A text field of the raw input, for naming the object of a refused attempt before the input is parsed. */
export const namedIn = (input: unknown, field: string): string => {
  const value = (input as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === "string" ? value.slice(0, 254) : "";
};
