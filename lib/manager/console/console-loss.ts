// Whether open consoles' users may still have them, asked again every few seconds by the proxy for every open console
// at once: the session still lasts (no sign-out, not past its lifetime), the account is active, and the console
// permission is still held (granted, through a group, as owner, as cluster admin or superuser). A fixed handful of
// indexed reads however many consoles are open — no query per console — and no cluster involved.
import type { Db } from "@/lib/db/client";
import { allows, loadAccessOfMany } from "@/lib/manager/access/access";
import { sessionExpired, type SessionClaims } from "@/lib/manager/auth/session-lifetime";
import type { ConsoleGrant } from "./consume-console-token";

export type ConsoleLoss = "signed_out" | "session_expired" | "deactivated" | "permission";

export type ConsoleHold = { claims: SessionClaims; grant: ConsoleGrant };

type LossDb = Pick<Db, "endedSession" | "user" | "instanceOwner" | "groupMembership" | "permission">;

/** What each hold has lost, in the order given (null: nothing, it stays open). */
export async function consoleLosses(db: LossDb, holds: ConsoleHold[], now = Date.now()): Promise<(ConsoleLoss | null)[]> {
  if (!holds.length) return [];
  const sids = distinct(holds.map((h) => h.claims.sid));
  const userIds = distinct(holds.map((h) => h.claims.userId));
  const [ended, users, owners] = await Promise.all([
    db.endedSession.findMany({ where: { sid: { in: sids } }, select: { sid: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, isAdmin: true, isActive: true } }),
    // Both lists rather than an OR per console: a thousand ORs would pass SQLite's expression depth limit.
    db.instanceOwner.findMany({
      where: { clusterId: { in: distinct(holds.map((h) => h.grant.clusterId)) }, instanceName: { in: distinct(holds.map((h) => h.grant.instanceName)) } },
      select: { clusterId: true, instanceName: true, persona: true },
    }),
  ]);
  const endedSids = new Set(ended.map((row) => row.sid));
  const active = users.filter((user) => user.isActive);
  const access = await loadAccessOfMany(db, active.map((user) => ({ id: user.id, email: user.email, isAdmin: user.isAdmin, ip: "" })));
  const ownerOf = new Map(owners.map((row) => [`${row.clusterId}/${row.instanceName}`, row.persona]));
  return holds.map(({ claims, grant }) => {
    if (sessionExpired(claims, now)) return "session_expired";
    if (endedSids.has(claims.sid)) return "signed_out";
    const userAccess = access.get(claims.userId);
    if (!userAccess) return "deactivated";
    const owner = ownerOf.get(`${grant.clusterId}/${grant.instanceName}`) ?? "";
    return allows(userAccess, "instance.console", { ...grant, owner }) ? null : "permission";
  });
}

const distinct = (values: string[]) => [...new Set(values)];

/** consoleLosses for one console (the check as it opens). */
export async function consoleLoss(db: LossDb, hold: ConsoleHold, now = Date.now()): Promise<ConsoleLoss | null> {
  const [loss] = await consoleLosses(db, [hold], now);
  return loss ?? null;
}
