// Sign-in use case: checks throttling, the password and the account, and keeps the failure counters.
// Messages are what the sign-in form shows; they never reveal whether an e-mail address has an account.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignInThrottlePolicy } from "@/lib/server/config";
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
  db: Pick<PrismaClient, "user" | "signInThrottle" | "$transaction">;
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
  if (!parsed.success) throw new AppError("wrong_input", "Enter your e-mail address and password.");
  const { email, password, address } = parsed.data;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const keys = address ? [accountKey(email), addressKey(address)] : [accountKey(email)];
  const verdict = assess(await loadThrottles(deps.db, keys), deps.policy, now());
  if (verdict.lockedUntil) throw refusal(verdict.lockedKind!, verdict.lockedUntil, now());
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);

  const user = await deps.db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (!user || !passwordOk) {
    const states = await recordFailure(deps.db, keys, deps.policy, now());
    const locked = states.find((s) => s.state.lockedUntil);
    if (locked) throw new AppError("sign_in_refused", `${WRONG_CREDENTIALS} ${lockSentence(locked.kind, locked.state.lockedUntil!, now())}`);
    throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  }
  if (!user.isActive) throw new AppError("forbidden", "This account is disabled; ask an administrator to enable it.");

  await clearThrottle(deps.db, accountKey(email));
  await deps.db.user.update({ where: { id: user.id }, data: { lastLoginAt: now() } });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

function refusal(kind: ThrottleKind, until: Date, now: Date) {
  return new AppError("sign_in_refused", lockSentence(kind, until, now));
}

function lockSentence(kind: ThrottleKind, until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const what = kind === "account" ? "this account" : "your address";
  return `Too many failed sign-ins for ${what}: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
