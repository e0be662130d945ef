// Whether an open console's user may still have it, asked again every few seconds by the proxy: the session still
// lasts (no sign-out, not past its lifetime), the account is active, and the console permission is still held
// (granted, through a group, as owner, as cluster admin or superuser). A few indexed reads, no cluster involved.
import type { Db } from "@/lib/db/client";
import { allows, loadAccess } from "@/lib/manager/access/access";
import { sessionOver, type SessionClaims } from "@/lib/manager/auth/session-lifetime";
import type { ConsoleGrant } from "./consume-console-token";

export type ConsoleLoss = "signed_out" | "session_expired" | "deactivated" | "permission";

export async function consoleLoss(db: Db, { claims, grant }: { claims: SessionClaims; grant: ConsoleGrant }, now = Date.now()): Promise<ConsoleLoss | null> {
  const over = await sessionOver(db, claims, now);
  if (over) return over === "ended" ? "signed_out" : "session_expired";
  const user = await db.user.findUnique({ where: { id: claims.userId }, select: { id: true, email: true, isAdmin: true, isActive: true } });
  if (!user?.isActive) return "deactivated";
  const owner = await db.instanceOwner.findUnique({ where: { clusterId_instanceName: grant }, select: { persona: true } });
  const access = await loadAccess(db, { id: user.id, email: user.email, isAdmin: user.isAdmin, ip: "" });
  return allows(access, "instance.console", { ...grant, owner: owner?.persona ?? "" }) ? null : "permission";
}
