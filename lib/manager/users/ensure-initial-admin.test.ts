import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { verifyPassword } from "@/lib/manager/auth/password";
import { ensureInitialAdmin } from "@/lib/manager/users/ensure-initial-admin";

let t: TestDatabase;
beforeEach(async () => (t = await createTestDatabase()));
afterEach(() => t.cleanup());

describe("ensureInitialAdmin", () => {
  it("creates an active administrator with the configured password", async () => {
    expect(await ensureInitialAdmin(t.db, { email: "ops@example.org", password: "from-the-env" })).toEqual({
      created: true,
      email: "ops@example.org",
      generatedPassword: undefined,
    });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
    expect(admin).toMatchObject({ isAdmin: true, isActive: true });
    expect(await verifyPassword("from-the-env", admin.passwordHash)).toBe(true);
  });

  it("generates a strong password when none is configured, and hands it back to be shown once", async () => {
    const result = await ensureInitialAdmin(t.db, { email: "admin@gantry.local" });
    if (!result.created) throw new Error("expected an account");
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@gantry.local" } });
    expect(await verifyPassword(result.generatedPassword!, admin.passwordHash)).toBe(true);
    expect(admin.passwordHash).not.toContain(result.generatedPassword);
  });

  it("changes nothing once any user exists", async () => {
    await ensureInitialAdmin(t.db, { email: "ops@example.org", password: "first-password" });
    expect(await ensureInitialAdmin(t.db, { email: "ops@example.org", password: "second-password" })).toEqual({ created: false });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
    expect(await verifyPassword("first-password", admin.passwordHash)).toBe(true);
    expect(await t.db.user.count()).toBe(1);
  });
});
