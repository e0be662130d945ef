// The audit log: one row per mutating action, refused attempts included. A use case writes its row in the same
// transaction as its change, so there is never a change without its row (or a row for a change that was rolled back).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";

export type AuditResult = "success" | "refused" | "failed";

export type AuditRecord = {
  action: string;
  result: AuditResult;
  object?: { type: string; id: string; name: string };
  clusterId?: string | null;
  jobId?: number | null;
  /** The object's state before and after, secrets already left out. */
  before?: unknown;
  after?: unknown;
  message?: string;
  persona?: string;
};

type AuditWriter = Pick<PrismaClient, "auditEntry"> | Prisma.TransactionClient;

/** Who acted: a signed-in user, or someone known only by the e-mail they typed and their address (a failed sign-in). */
export type AuditActor = Actor | { id: null; email: string; ip: string };

/** Writes the row; its id lets a reader leave it out (an export does not list its own row). */
export async function recordAudit(db: AuditWriter, actor: AuditActor | null, record: AuditRecord): Promise<string> {
  const entry = await db.auditEntry.create({
    select: { id: true },
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? "",
      ip: actor?.ip ?? "",
      persona: record.persona ?? (actor?.id ? `user:${actor.id}` : ""),
      action: record.action,
      result: record.result,
      objectType: record.object?.type ?? "",
      objectId: record.object?.id ?? "",
      objectName: record.object?.name ?? "",
      clusterId: record.clusterId ?? null,
      jobId: record.jobId ?? null,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      message: record.message ?? "",
    },
  });
  return entry.id;
}
