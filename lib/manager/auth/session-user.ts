// The user of a session token, for every way in (pages, the API, the console's WebSocket): the session must last (not
// signed out, not past its lifetime) and the account must be active — both read now, so that a sign-out or a disabled
// account takes effect on the next request.
import type { Db } from "@/lib/db/client";
import { readSessionClaims, sessionOver } from "./session-lifetime";

export type SessionUser = { id: string; email: string; name: string; isAdmin: boolean; /** The session's id (sid). */ sessionId: string };

export async function liveSessionUser(db: Pick<Db, "endedSession" | "user">, token: Record<string, unknown> | null, now = Date.now()): Promise<SessionUser | null> {
  const claims = readSessionClaims(token);
  if (!claims || (await sessionOver(db, claims, now))) return null;
  const user = await db.user.findUnique({ where: { id: claims.userId }, select: { id: true, email: true, name: true, isAdmin: true, isActive: true } });
  if (!user?.isActive) return null;
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, sessionId: claims.sid };
}
