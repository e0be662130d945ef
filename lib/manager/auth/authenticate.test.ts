import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate, WRONG_CREDENTIALS, type AuthenticateDeps } from "@/lib/manager/auth/authenticate";
import { hashPassword } from "@/lib/manager/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";

const policy = { delayAfter: 2, accountLockAfter: 4, addressLockAfter: 6, lockMinutes: 15 };
let t: TestDatabase;
let now: Date;
let sleeps: number[];
let deps: AuthenticateDeps;

beforeEach(async () => {
  t = await createTestDatabase();
  now = new Date("2026-11-22T10:00:00Z");
  sleeps = [];
  deps = { db: t.db, policy, now: () => now, sleep: async (ms) => void sleeps.push(ms) };
  await t.db.user.create({ data: { email: "ada@example.org", name: "Ada", passwordHash: await hashPassword("correct horse", 4) } });
});
afterEach(() => t.cleanup());

const attempt = (password: string, email = "ada@example.org", address = "192.0.2.7") =>
  authenticate(deps, { email, password, address });
const failureOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected sign-in to fail"); }, (e: Error & { code: string }) => ({ code: e.code, message: e.message }));

describe("authenticate", () => {
  it("signs in with the right password, whatever the case of the e-mail, and records the time", async () => {
    const user = await attempt("correct horse", "  Ada@Example.ORG ");
    expect(user).toMatchObject({ email: "ada@example.org", name: "Ada", isAdmin: false });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).toEqual(now);
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    expect(await failureOf(attempt("wrong"))).toEqual({ code: "unauthenticated", message: WRONG_CREDENTIALS });
    expect(await failureOf(attempt("wrong", "nobody@example.org"))).toEqual({ code: "unauthenticated", message: WRONG_CREDENTIALS });
  });

  it("slows down repeated failures, then refuses the account even with the right password", async () => {
    await failureOf(attempt("wrong-1"));
    await failureOf(attempt("wrong-2"));
    expect(sleeps).toEqual([]);
    await failureOf(attempt("wrong-3"));
    expect(sleeps).toEqual([250]);
    expect(await failureOf(attempt("wrong-4"))).toEqual({
      code: "sign_in_refused",
      message: `${WRONG_CREDENTIALS} Too many failed sign-ins for this account: try again in 15 minutes.`,
    });
    now = new Date(now.getTime() + 5 * 60_000);
    expect(await failureOf(attempt("correct horse"))).toEqual({
      code: "sign_in_refused",
      message: "Too many failed sign-ins for this account: try again in 10 minutes.",
    });
    now = new Date(now.getTime() + 10 * 60_000);
    await expect(attempt("correct horse")).resolves.toMatchObject({ email: "ada@example.org" });
  });

  it("a successful sign-in clears the account's failures, not the address's (an attacker with an account could reset them)", async () => {
    await failureOf(attempt("wrong-1"));
    await failureOf(attempt("wrong-2"));
    await attempt("correct horse");
    expect(sleeps).toEqual([250]);
    await failureOf(attempt("wrong-3"));
    await failureOf(attempt("wrong-4"));
    expect(sleeps).toEqual([250]); // the account starts afresh
    const address = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: "address:192.0.2.7" } });
    expect(address.failures).toBe(4);
  });

  it("refuses an address that tries many accounts, but not the same accounts from elsewhere", async () => {
    for (let i = 0; i < 6; i++) await failureOf(attempt("guess", `user${i}@example.org`, "198.51.100.9"));
    expect(await failureOf(attempt("correct horse", "ada@example.org", "198.51.100.9"))).toMatchObject({
      code: "sign_in_refused",
      message: expect.stringContaining("for your address"),
    });
    await expect(attempt("correct horse", "ada@example.org", "192.0.2.7")).resolves.toMatchObject({ name: "Ada" });
  });

  it("keeps counting across restarts, because the counters are in the database", async () => {
    for (let i = 0; i < 4; i++) await failureOf(attempt(`wrong-${i}`));
    const otherProcess = createPrismaClient(`file:${t.file}`);
    try {
      const restarted: AuthenticateDeps = { ...deps, db: otherProcess };
      expect(await failureOf(authenticate(restarted, { email: "ada@example.org", password: "correct horse" }))).toMatchObject({ code: "sign_in_refused" });
    } finally {
      await otherProcess.$disconnect();
    }
  });

  it("tells a disabled user so, only once the password is right", async () => {
    await t.db.user.update({ where: { email: "ada@example.org" }, data: { isActive: false } });
    expect(await failureOf(attempt("wrong"))).toMatchObject({ code: "unauthenticated" });
    expect(await failureOf(attempt("correct horse"))).toEqual({ code: "forbidden", message: "This account is disabled; ask an administrator to enable it." });
  });

  it("asks for both fields when one is empty", async () => {
    expect(await failureOf(attempt("", "ada@example.org"))).toEqual({ code: "wrong_input", message: "Enter your e-mail address and password." });
  });
});

describe("the audit log of sign-ins", () => {
  const entries = () => t.db.auditEntry.findMany({ orderBy: { at: "asc" } });

  it("records a success with the user as actor and the client's address", async () => {
    const user = await attempt("correct horse", " Ada@Example.org");
    expect(await entries()).toMatchObject([
      { action: "user.sign_in", result: "success", actorId: user.id, actorEmail: "ada@example.org", ip: "192.0.2.7", objectType: "user", objectId: user.id, message: "" },
    ]);
  });

  it("says why each failure failed, which the sign-in form does not", async () => {
    await failureOf(attempt("wrong"));
    await failureOf(attempt("whatever", "nobody@example.org"));
    await failureOf(attempt("", "ada@example.org"));
    await t.db.user.update({ where: { email: "ada@example.org" }, data: { isActive: false } });
    await failureOf(attempt("correct horse"));
    const ada = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect((await entries()).map((e) => [e.result, e.actorId, e.actorEmail, e.ip, e.objectId, e.message])).toEqual([
      ["failed", null, "ada@example.org", "192.0.2.7", ada.id, "Wrong password."],
      ["failed", null, "nobody@example.org", "192.0.2.7", "", "Unknown account."],
      ["failed", null, "ada@example.org", "192.0.2.7", "", "E-mail or password left empty (or too long)."],
      ["failed", null, "ada@example.org", "192.0.2.7", ada.id, "Inactive account (the password was right)."],
    ]);
    expect(JSON.stringify(await entries())).not.toMatch(/correct horse|whatever/);
  });

  it("records the throttling, when it starts and while it lasts", async () => {
    for (let i = 1; i <= 4; i++) await failureOf(attempt(`wrong-${i}`));
    await failureOf(attempt("correct horse"));
    const messages = (await entries()).map((e) => e.message);
    const until = new Date(now.getTime() + 15 * 60_000).toISOString();
    expect(messages.slice(3)).toEqual([
      `Wrong password. Now throttled: the account locked until ${until}.`,
      `Throttled: the account locked until ${until}; the password was not checked.`,
    ]);
  });
});

