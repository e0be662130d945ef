import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Actor } from "@/lib/manager/actor";
import { hashPassword, verifyPassword } from "@/lib/manager/auth/password";
import { changePassword } from "@/lib/manager/users/change-password";

let t: TestDatabase;
let actor: Actor;
beforeEach(async () => {
  t = await createTestDatabase();
  const user = await t.db.user.create({ data: { email: "ada@example.org", name: "Ada", passwordHash: await hashPassword("old password", 4) } });
  actor = { id: user.id, email: user.email, isAdmin: false, ip: "192.0.2.7" };
});
afterEach(() => t.cleanup());

const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
  changePassword(t.db, { actor, input: { currentPassword, newPassword, confirmPassword } });
const audit = () => t.db.auditEntry.findMany({ orderBy: { at: "asc" } });
const hash = async () => (await t.db.user.findUniqueOrThrow({ where: { id: actor.id } })).passwordHash;

describe("changePassword", () => {
  it("replaces the password when the current one is right", async () => {
    await change("old password", "a new passphrase");
    expect(await verifyPassword("a new passphrase", await hash())).toBe(true);
    expect(await verifyPassword("old password", await hash())).toBe(false);
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "user.change_password", result: "success", actorId: actor.id, actorEmail: "ada@example.org", ip: "192.0.2.7", objectId: actor.id });
    expect(JSON.stringify(entry)).not.toContain("passphrase");
  });

  it("says what to fix, and keeps the old password", async () => {
    const before = await hash();
    await expect(change("not it", "a new passphrase")).rejects.toThrow("The current password is wrong.");
    await expect(change("old password", "short")).rejects.toThrow("New password: Use at least 8 characters.");
    await expect(change("old password", "x".repeat(73))).rejects.toThrow("New password: Use at most 72 bytes.");
    await expect(change("old password", "a new passphrase", "a new passphrasE")).rejects.toThrow(
      "The two new passwords differ; type the same one twice.",
    );
    await expect(change("", "a new passphrase")).rejects.toThrow("Enter your current password.");
    expect(await hash()).toBe(before);
    // Only the wrong current password is worth an admin's attention; the other mistakes changed nothing.
    expect(await audit()).toMatchObject([{ action: "user.change_password", result: "failed", message: "The current password was wrong." }]);
  });

  it("refuses a disabled account", async () => {
    await t.db.user.update({ where: { id: actor.id }, data: { isActive: false } });
    await expect(change("old password", "a new passphrase")).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
