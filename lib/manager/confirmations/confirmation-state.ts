// What a confirmation link stands for, and why it cannot be used when it cannot: unknown, sent to someone else, used
// already, superseded by a newer request for the same action on the same VM, or expired. The reasons are what the
// confirmation page and the API show; someone else's link reveals nothing of what it was for.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { ActionConfirmation } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { hashLinkToken } from "@/lib/manager/secrets/link-token";
import { formatUtc } from "@/lib/text/format-utc";

const AGAIN = "ask again from the VM's page if it is still wanted";

export const findConfirmation = (db: Pick<Db, "actionConfirmation">, token: string) => db.actionConfirmation.findUnique({ where: { tokenHash: hashLinkToken(token) } });

/** Null when the actor may use the confirmation now, else the refusal to throw. */
export async function unusableBecause(db: Pick<Db, "actionConfirmation">, row: ActionConfirmation | null, actor: Actor, now: Date): Promise<AppError | null> {
  if (!row) return new AppError("not_found", "This confirmation link is not valid: check that it was copied whole from the e-mail.");
  if (row.userId !== actor.id) return new AppError("forbidden", "This confirmation link was sent to another user: sign in as the user it was sent to.");
  if (row.usedAt) return new AppError("conflict", `This confirmation link was used already, at ${formatUtc(row.usedAt)}: a link works once.`);
  const newer = await db.actionConfirmation.findFirst({
    where: { clusterId: row.clusterId, instanceName: row.instanceName, action: row.action, createdAt: { gt: row.createdAt } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (newer) return new AppError("conflict", `This confirmation link was replaced by a newer request for the same action, made at ${formatUtc(newer.createdAt)}: use the link in the latest e-mail.`);
  if (row.expiresAt <= now) return new AppError("conflict", `This confirmation link expired at ${formatUtc(row.expiresAt)}; ${AGAIN}.`);
  return null;
}
