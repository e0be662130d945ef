import { describe, expect, it } from "vitest";
import { LoginLimiter } from "./login-limiter";

describe("failed RAPI logins per address", () => {
  it("refuses an address after too many failures until the lock period has passed", () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter({ maxFailures: 3, lockMs: 60_000, now: () => now });
    limiter.failed("10.0.0.1");
    limiter.failed("10.0.0.1");
    expect(limiter.retryAfter("10.0.0.1")).toBe(0);
    limiter.failed("10.0.0.1");
    expect(limiter.retryAfter("10.0.0.1")).toBe(60);
    expect(limiter.retryAfter("10.0.0.2")).toBe(0);
    now += 30_000;
    expect(limiter.retryAfter("10.0.0.1")).toBe(30);
    now += 30_001;
    expect(limiter.retryAfter("10.0.0.1")).toBe(0);
  });

  it("forgets failures older than the period, and all of them after a successful login", () => {
    let now = 0;
    const limiter = new LoginLimiter({ maxFailures: 2, lockMs: 1000, now: () => now });
    limiter.failed("a");
    now = 2000;
    limiter.failed("a");
    expect(limiter.retryAfter("a")).toBe(0);
    limiter.succeeded("a");
    limiter.failed("a");
    expect(limiter.retryAfter("a")).toBe(0);
  });
});
