import { describe, expect, it } from "vitest";
import { JoinAttempts, LOCKOUT_MS, MAX_WRONG_TOKENS } from "./join-attempts";

describe("join attempts", () => {
  it("lock joins out for a minute after ten wrong tokens in a row, then count afresh", () => {
    const attempts = new JoinAttempts();
    const t0 = 1_000_000;
    for (let i = 1; i < MAX_WRONG_TOKENS; i++) expect(attempts.wrongToken(t0)).toBe(false);
    expect(attempts.lockedFor(t0)).toBe(0);
    expect(attempts.wrongToken(t0)).toBe(true);
    expect(attempts.lockedFor(t0)).toBe(60_000);
    expect(attempts.lockedFor(t0 + LOCKOUT_MS - 1)).toBe(1);
    expect(attempts.lockedFor(t0 + LOCKOUT_MS)).toBe(0);
    expect(attempts.wrongToken(t0 + LOCKOUT_MS)).toBe(false);
  });

  it("forget wrong tokens once the right one came", () => {
    const attempts = new JoinAttempts();
    for (let i = 1; i < MAX_WRONG_TOKENS; i++) attempts.wrongToken();
    attempts.rightToken();
    for (let i = 1; i < MAX_WRONG_TOKENS; i++) expect(attempts.wrongToken()).toBe(false);
    expect(attempts.lockedFor()).toBe(0);
  });
});
