// A user asks to open a VM's console: allowed (VM admin or console, cluster admin, or the owner), the VM running as
// the cache knows it, and the user below their number of open consoles. The answer is a one-time token bound to the
// user, their session and the VM, good for a few seconds; the console proxy takes it (lib/console). Nothing else
// grants a console.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { CachedInstance } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "@/lib/manager/instances/instance-target";
import type { ConsoleSettings } from "@/lib/server/config";
import { consoleTokenPath, hashConsoleToken, newConsoleToken } from "./console-token";

export type ConsoleTokenDeps = {
  db: Db;
  settings: Pick<ConsoleSettings, "tokenSeconds" | "maxPerUser">;
  /** Console sessions the user has open now (the proxy's registry). */
  openConsoles: (userId: string) => number;
  now?: () => Date;
};

export type IssuedConsoleToken = { token: string; expiresAt: string; path: string };

/** Used and expired tokens are kept this long (for a look at what happened), then dropped. */
const KEEP_MS = 24 * 3_600_000;

export async function issueConsoleToken(deps: ConsoleTokenDeps, { actor, ref }: { actor: Actor; ref: InstanceRef }): Promise<IssuedConsoleToken> {
  const { db } = deps;
  if (!actor.sessionId) throw new AppError("unauthenticated", "Sign in again to open a console.");
  const t = await loadInstanceTarget(db, actor, ref);
  const object = instanceObject(t);
  const audit = { action: "console.token", object, clusterId: t.cluster.id };
  await authorize(db, t.access, "instance.console", t.target, audit);
  const refuse = async (code: "conflict", message: string) => {
    await recordAudit(db, actor, { ...audit, result: "refused", message });
    return new AppError(code, message);
  };
  const down = notRunning(t.instance);
  if (down) throw await refuse("conflict", `VM ${t.instance.name} ${down}: start it first.`);
  const open = deps.openConsoles(actor.id);
  if (open >= deps.settings.maxPerUser) throw await refuse("conflict", `You have ${open} consoles open, the most allowed; close one first.`);

  const now = deps.now?.() ?? new Date();
  const token = newConsoleToken();
  const expiresAt = new Date(now.getTime() + deps.settings.tokenSeconds * 1000);
  await db.$transaction(async (tx) => {
    await tx.consoleToken.create({
      data: { tokenHash: hashConsoleToken(token), userId: actor.id, sessionId: actor.sessionId!, clusterId: t.cluster.id, instanceName: t.instance.name, createdAt: now, expiresAt },
    });
    await tx.consoleToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
    await recordAudit(tx, actor, { ...audit, result: "success", message: `valid for ${deps.settings.tokenSeconds} s` });
  });
  return { token, expiresAt: expiresAt.toISOString(), path: consoleTokenPath(token) };
}

/** Why the VM has no console to open, as "is stopped"; null when it runs. */
function notRunning(instance: Pick<CachedInstance, "status" | "adminState" | "operState">): string | null {
  if (instance.operState === true || instance.status === "running") return null;
  if (instance.adminState === "down" || instance.status === "ADMIN_down") return "is stopped";
  if (instance.status === "ADMIN_offline") return "is offline";
  return `is not running (${instance.status || "state unknown"})`;
}
