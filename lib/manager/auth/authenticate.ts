// Sign-in use case: checks throttling, the password and the account, and keeps the failure counters.
// Messages are what the sign-in form shows; they never reveal whether an e-mail address has an account. The audit log
// does say why an attempt failed (unknown account, wrong password, inactive account, throttled): only superusers read it.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignInThrottlePolicy } from "@/lib/server/config";
import { recordAudit, type AuditActor, type AuditRecord } from "@/lib/manager/audit/audit-log";
import { timingDummyHash, verifyPassword } from "@/lib/manager/auth/password";
import {
  accountKey,
  addressKey,
  assess,
  clearThrottle,
  loadThrottles,
  recordFailure,
  type ThrottleKind,
} from "@/lib/manager/auth/sign-in-throttle";

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";

export type AuthenticatedUser = { id: string; email: string; name: string; isAdmin: boolean };

export type AuthenticateDeps = {
  db: Pick<PrismaClient, "user" | "signInThrottle" | "auditEntry" | "$transaction">;
  policy: SignInThrottlePolicy;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
};

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
  /** Client address as seen by server.ts; absent when unknown (then only the account is throttled). */
  address: z.string().min(1).max(64).optional(),
});

export async function authenticate(deps: AuthenticateDeps, input: z.input<typeof credentialsSchema>): Promise<AuthenticatedUser> {
  const parsed = credentialsSchema.safeParse(input);
  const given: AuditActor = { id: null, email: text(input?.email).trim().toLowerCase().slice(0, 254), ip: text(input?.address).slice(0, 64) };
  const failed = (message: string, userId = "") => recordAudit(deps.db, given, signInRecord("failed", { id: userId, email: given.email }, message));
  if (!parsed.success) {
    await failed("E-mail or password left empty (or too long).");
    throw new AppError("wrong_input", "Enter your e-mail address and password.");
  }
  const { email, password, address } = parsed.data;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const keys = address ? [accountKey(email), addressKey(address)] : [accountKey(email)];
  const verdict = assess(await loadThrottles(deps.db, keys), deps.policy, now());
  if (verdict.lockedUntil) {
    await failed(`Throttled: ${lockedWhat(verdict.lockedKind!)} locked until ${verdict.lockedUntil.toISOString()}; the password was not checked.`);
    throw refusal(verdict.lockedKind!, verdict.lockedUntil, now());
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);

  const user = await deps.db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (!user || !passwordOk) {
    const states = await recordFailure(deps.db, keys, deps.policy, now());
    const locked = states.find((s) => s.state.lockedUntil);
    const why = !user ? "Unknown account." : user.isActive ? "Wrong password." : "Wrong password (and the account is inactive).";
    await failed(locked ? `${why} Now throttled: ${lockedWhat(locked.kind)} locked until ${locked.state.lockedUntil!.toISOString()}.` : why, user?.id);
    if (locked) throw new AppError("sign_in_refused", `${WRONG_CREDENTIALS} ${lockSentence(locked.kind, locked.state.lockedUntil!, now())}`);
    throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  }
  if (!user.isActive) {
    await failed("Inactive account (the password was right).", user.id);
    throw new AppError("forbidden", "This account is disabled; ask an administrator to enable it.");
  }

  await deps.db.$transaction(async (tx) => {
    await clearThrottle(tx, accountKey(email));
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now() } });
    await recordAudit(tx, { id: user.id, email: user.email, ip: given.ip, isAdmin: user.isAdmin }, signInRecord("success", user));
  });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

const signInRecord = (result: AuditRecord["result"], user: { id: string; email: string }, message?: string): AuditRecord => ({
  action: "user.sign_in",
  result,
  object: { type: "user", id: user.id, name: user.email },
  message,
});

const lockedWhat = (kind: ThrottleKind) => (kind === "account" ? "the account" : "the address");

function refusal(kind: ThrottleKind, until: Date, now: Date) {
  return new AppError("sign_in_refused", lockSentence(kind, until, now));
}

function lockSentence(kind: ThrottleKind, until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const what = kind === "account" ? "this account" : "your address";
  return `Too many failed sign-ins for ${what}: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
