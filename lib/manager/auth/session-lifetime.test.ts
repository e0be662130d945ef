// Sessions end on sign-out (for every copy of the cookie) and at the latest SESSION_MAX_AGE after sign-in; what is
// remembered of ended sessions goes once they would have expired anyway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { endSession, newSessionClaims, readSessionClaims, SESSION_MAX_AGE_SECONDS, sessionOver } from "./session-lifetime";

let t: TestDatabase;
beforeAll(async () => (t = await createTestDatabase()));
afterAll(() => t?.cleanup());

const HOUR = 3_600_000;

describe("session claims", () => {
  it("each sign-in gets its own random session id", () => {
    const a = newSessionClaims("u1", Date.UTC(2026, 0, 1));
    const b = newSessionClaims("u1", Date.UTC(2026, 0, 1));
    expect(a.sid).not.toBe(b.sid);
    expect(a.sid).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.signedInAt).toBe(Date.UTC(2026, 0, 1) / 1000);
  });

  it("a token without a session id (made before sessions had one) has no claims", () => {
    expect(readSessionClaims({ uid: "u1", isAdmin: true })).toBeNull();
    expect(readSessionClaims({ uid: "u1", sid: "s", signedInAt: 5 })).toEqual({ userId: "u1", sid: "s", signedInAt: 5 });
  });
});

describe("the end of a session", () => {
  it("lasts until its user signs out; then that session id is refused, other sessions of the user are not", async () => {
    const now = Date.now();
    const phone = newSessionClaims("u1", now);
    const laptop = newSessionClaims("u1", now);
    expect(await sessionOver(t.db, phone, now + HOUR)).toBeNull();
    await endSession(t.db, phone, new Date(now + HOUR));
    expect(await sessionOver(t.db, phone, now + HOUR)).toBe("ended");
    expect(await sessionOver(t.db, laptop, now + HOUR)).toBeNull();
    await endSession(t.db, phone, new Date(now + 2 * HOUR)); // signing out twice is harmless
    expect(await t.db.endedSession.count({ where: { sid: phone.sid } })).toBe(1);
  });

  it("expires at the maximum age after sign-in, however often the cookie was renewed", async () => {
    const now = Date.now();
    const claims = newSessionClaims("u2", now);
    expect(await sessionOver(t.db, claims, now + SESSION_MAX_AGE_SECONDS * 1000 - 1000)).toBeNull();
    expect(await sessionOver(t.db, claims, now + SESSION_MAX_AGE_SECONDS * 1000 + 1000)).toBe("expired");
  });

  it("forgets ended sessions once they would have expired anyway", async () => {
    const start = Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - HOUR;
    const old = newSessionClaims("u3", start);
    await endSession(t.db, old, new Date(start + HOUR));
    expect(await t.db.endedSession.count({ where: { sid: old.sid } })).toBe(1);
    const recent = newSessionClaims("u3");
    await endSession(t.db, recent);
    expect(await t.db.endedSession.count({ where: { sid: old.sid } })).toBe(0);
    expect(await t.db.endedSession.count({ where: { sid: recent.sid } })).toBe(1);
  });
});
