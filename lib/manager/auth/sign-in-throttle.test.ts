import { describe, expect, it } from "vitest";
import { afterFailure, assess, delayFor, type ThrottleState } from "@/lib/manager/auth/sign-in-throttle";

const policy = { delayAfter: 3, accountLockAfter: 5, addressLockAfter: 8, lockMinutes: 15 };
const t0 = new Date("2026-11-22T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function failures(n: number, kind: "account" | "address" = "account", when = t0): ThrottleState | undefined {
  let state: ThrottleState | undefined;
  for (let i = 0; i < n; i++) state = afterFailure(state, kind, policy, when);
  return state;
}

describe("sign-in throttle policy", () => {
  it("lets the first failures through without delay, then doubles the delay up to a ceiling", () => {
    expect([0, 1, 2].map((n) => delayFor(n, policy))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 7, 8, 20].map((n) => delayFor(n, policy))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(assess([{ kind: "account", state: failures(4) }], policy, t0)).toEqual({ lockedUntil: null, lockedKind: null, delayMs: 500 });
  });

  it("locks an account for lockMinutes at the threshold, and lets it try again afterwards", () => {
    const locked = failures(5)!;
    expect(locked.lockedUntil).toEqual(at(15));
    expect(assess([{ kind: "account", state: locked }], policy, at(14)).lockedUntil).toEqual(at(15));
    expect(assess([{ kind: "account", state: locked }], policy, at(15))).toEqual({ lockedUntil: null, lockedKind: null, delayMs: 0 });
    expect(afterFailure(locked, "account", policy, at(16)).failures).toBe(1);
  });

  it("locks an address only at its own, higher threshold", () => {
    expect(failures(5, "address")!.lockedUntil).toBeNull();
    expect(failures(8, "address")!.lockedUntil).toEqual(at(15));
  });

  it("forgets failures once the window has passed", () => {
    const state = failures(4)!;
    expect(assess([{ kind: "account", state }], policy, at(15)).delayMs).toBe(0);
    expect(afterFailure(state, "account", policy, at(15)).failures).toBe(1);
    expect(afterFailure(state, "account", policy, at(14)).failures).toBe(5);
  });

  it("takes the strictest of account and address", () => {
    const verdict = assess(
      [{ kind: "account", state: failures(3) }, { kind: "address", state: failures(8, "address") }],
      policy,
      at(1),
    );
    expect(verdict).toEqual({ lockedUntil: at(15), lockedKind: "address", delayMs: 250 });
  });

  it("does not slow down an address, which many people may share", () => {
    expect(assess([{ kind: "address", state: failures(7, "address") }], policy, t0)).toEqual({ lockedUntil: null, lockedKind: null, delayMs: 0 });
  });
});
