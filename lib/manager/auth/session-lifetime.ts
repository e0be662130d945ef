// A session is the JWT next-auth keeps in the browser's cookie. It names the user, a random session id (sid) given at
// sign-in and the time of sign-in. It ends when its user signs out — the sid is recorded as ended, so a copy of the
// cookie dies too — or SESSION_MAX_AGE_SECONDS after sign-in, however often next-auth renewed the cookie meanwhile.
// Because of that fixed end, an ended sid need only be remembered until then.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type SessionClaims = { userId: string; sid: string; /** Seconds since the epoch. */ signedInAt: number };

export function newSessionClaims(userId: string, now = Date.now()): SessionClaims {
  return { userId, sid: crypto.randomBytes(18).toString("base64url"), signedInAt: Math.floor(now / 1000) };
}

/** The claims of a decoded session token (fields uid, sid, signedInAt), or null when one is missing (a token from before sids). */
export function readSessionClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  const { uid, sid, signedInAt } = token ?? {};
  if (typeof uid !== "string" || !uid || typeof sid !== "string" || !sid || typeof signedInAt !== "number") return null;
  return { userId: uid, sid, signedInAt };
}

const endOf = (claims: SessionClaims) => new Date((claims.signedInAt + SESSION_MAX_AGE_SECONDS) * 1000);

/** Whether the session is past its fixed lifetime (sign-outs apart). */
export const sessionExpired = (claims: SessionClaims, now = Date.now()): boolean => endOf(claims).getTime() <= now;

/** Why the session is over ("expired", "ended" by a sign-out), or null while it lasts. */
export async function sessionOver(db: Pick<Db, "endedSession">, claims: SessionClaims, now = Date.now()): Promise<"expired" | "ended" | null> {
  if (sessionExpired(claims, now)) return "expired";
  const ended = await db.endedSession.findUnique({ where: { sid: claims.sid }, select: { sid: true } });
  return ended ? "ended" : null;
}

/** Records a sign-out; rows of sessions that would have expired by now go at the same time. */
export async function endSession(db: Pick<Db, "endedSession">, claims: SessionClaims, now = new Date()): Promise<void> {
  await db.endedSession.upsert({ where: { sid: claims.sid }, create: { sid: claims.sid, endedAt: now, expiresAt: endOf(claims) }, update: {} });
  await db.endedSession.deleteMany({ where: { expiresAt: { lte: now } } });
}
