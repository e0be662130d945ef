// The console proxy takes a token: in one statement it marks the token used if it is unused, unexpired, and belongs
// to this user and this session — so two connections racing with one token cannot both win. A refusal says why.
import type { Db } from "@/lib/db/client";
import { hashConsoleToken } from "./console-token";

export type ConsoleGrant = { clusterId: string; instanceName: string };

export type ConsumedToken = { ok: true; grant: ConsoleGrant } | { ok: false; reason: string };

const AGAIN = "open the console again from the VM's page";

export async function consumeConsoleToken(
  db: Pick<Db, "consoleToken">,
  { token, userId, sessionId, now = new Date() }: { token: string; userId: string; sessionId: string; now?: Date },
): Promise<ConsumedToken> {
  const tokenHash = hashConsoleToken(token);
  const taken = await db.consoleToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now }, userId, sessionId }, data: { usedAt: now } });
  const row = await db.consoleToken.findUnique({ where: { tokenHash }, select: { clusterId: true, instanceName: true, userId: true, sessionId: true, usedAt: true, expiresAt: true, createdAt: true } });
  if (taken.count === 1 && row) return { ok: true, grant: { clusterId: row.clusterId, instanceName: row.instanceName } };
  if (!row) return { ok: false, reason: `The console link is not valid; ${AGAIN}.` };
  if (row.userId !== userId) return { ok: false, reason: `The console link was issued to another user; ${AGAIN}.` };
  if (row.sessionId !== sessionId) return { ok: false, reason: `The console link was issued in another sign-in session; ${AGAIN}.` };
  if (row.usedAt) return { ok: false, reason: `The console link was already used; ${AGAIN}.` };
  const seconds = Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000);
  return { ok: false, reason: `The console link expired (it must be used within ${seconds} s); ${AGAIN}.` };
}
