// Failed sign-ins per account and per client address. After `delayAfter` failures of an account inside the window
// every further attempt on it waits (doubling up to MAX_DELAY_MS); at the lock threshold the account, or the address,
// is refused for `lockMinutes`, even with the right password. Addresses are not slowed down, only locked at their
// higher threshold: many people share one address (a campus NAT) and one person's typos must not slow the others.
// Counters live in the database (SignInThrottle) so restarts do not reset them.
import type { SignInThrottlePolicy } from "@/lib/server/config";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type ThrottleKind = "account" | "address";
export type ThrottleKey = { kind: ThrottleKind; key: string };
export type ThrottleState = { failures: number; windowStart: Date; lastFailureAt: Date; lockedUntil: Date | null };

export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 5_000;

export const accountKey = (email: string): ThrottleKey => ({ kind: "account", key: `account:${email}` });
export const addressKey = (address: string): ThrottleKey => ({ kind: "address", key: `address:${address}` });

const windowMs = (policy: SignInThrottlePolicy) => policy.lockMinutes * 60_000;
const lockAfter = (policy: SignInThrottlePolicy, kind: ThrottleKind) =>
  kind === "account" ? policy.accountLockAfter : policy.addressLockAfter;

/** The state as it stands at `now`: an expired window or an ended lock starts counting afresh. */
export function current(state: ThrottleState | undefined, policy: SignInThrottlePolicy, now: Date): ThrottleState | undefined {
  if (!state) return undefined;
  if (state.lockedUntil && state.lockedUntil <= now) return undefined;
  if (!state.lockedUntil && now.getTime() - state.windowStart.getTime() >= windowMs(policy)) return undefined;
  return state;
}

export type Assessment = { lockedUntil: Date | null; lockedKind: ThrottleKind | null; delayMs: number };

export function assess(
  states: Array<{ kind: ThrottleKind; state: ThrottleState | undefined }>,
  policy: SignInThrottlePolicy,
  now: Date,
): Assessment {
  let result: Assessment = { lockedUntil: null, lockedKind: null, delayMs: 0 };
  for (const { kind, state: raw } of states) {
    const state = current(raw, policy, now);
    if (!state) continue;
    if (state.lockedUntil && (!result.lockedUntil || state.lockedUntil > result.lockedUntil)) {
      result = { ...result, lockedUntil: state.lockedUntil, lockedKind: kind };
    }
    if (kind === "account") result.delayMs = Math.max(result.delayMs, delayFor(state.failures, policy));
  }
  return result;
}

export function delayFor(failures: number, policy: SignInThrottlePolicy): number {
  if (failures < policy.delayAfter) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failures - policy.delayAfter), MAX_DELAY_MS);
}

export function afterFailure(
  state: ThrottleState | undefined,
  kind: ThrottleKind,
  policy: SignInThrottlePolicy,
  now: Date,
): ThrottleState {
  const base = current(state, policy, now) ?? { failures: 0, windowStart: now, lastFailureAt: now, lockedUntil: null };
  const failures = base.failures + 1;
  const lockedUntil = failures >= lockAfter(policy, kind) ? new Date(now.getTime() + windowMs(policy)) : base.lockedUntil;
  return { failures, windowStart: base.windowStart, lastFailureAt: now, lockedUntil };
}

type Db = Pick<PrismaClient, "signInThrottle" | "$transaction">;

export async function loadThrottles(db: Db, keys: ThrottleKey[]) {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((k) => ({ ...k, state: byKey.get(k.key) as ThrottleState | undefined }));
}

/** Counts one failure on every key; returns the new states. Also forgets rows that no longer matter. */
export async function recordFailure(db: Db, keys: ThrottleKey[], policy: SignInThrottlePolicy, now: Date) {
  return db.$transaction(async (tx) => {
    const next: Array<ThrottleKey & { state: ThrottleState }> = [];
    for (const k of keys) {
      const row = await tx.signInThrottle.findUnique({ where: { key: k.key } });
      const state = afterFailure(row ?? undefined, k.kind, policy, now);
      await tx.signInThrottle.upsert({ where: { key: k.key }, create: { key: k.key, ...state }, update: state });
      next.push({ ...k, state });
    }
    const stale = new Date(now.getTime() - windowMs(policy));
    await tx.signInThrottle.deleteMany({
      where: { lastFailureAt: { lt: stale }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    });
    return next;
  });
}

export async function clearThrottle(db: Pick<PrismaClient, "signInThrottle"> | Prisma.TransactionClient, key: ThrottleKey) {
  await db.signInThrottle.deleteMany({ where: { key: key.key } });
}
