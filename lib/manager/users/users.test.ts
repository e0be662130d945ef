// User accounts as a superuser manages them, against a real SQLite database.
import { describe, expect, it } from "vitest";
import { auditRows, useTestActors } from "@/lib/manager/users/test-actors";
import { verifyPassword } from "@/lib/manager/auth/password";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { setUserGroups } from "./set-user-groups";
import { updateUser } from "./update-user";

const f = useTestActors();

const deps = () => ({ db: f.db });
const audit = () => auditRows(f.db);
const ada = { email: " Ada@Example.ORG ", name: "Ada Lovelace", password: "analytical engine" };
const hashOf = async (email: string) => (await f.db.user.findUniqueOrThrow({ where: { email } })).passwordHash;

describe("creating a user", () => {
  it("stores the e-mail lower-cased, hashes the password and audits without it", async () => {
    const view = await createUser(deps(), { actor: f.admin, input: ada });
    expect(view).toMatchObject({ email: "ada@example.org", name: "Ada Lovelace", isAdmin: false, isActive: true, groups: [] });
    expect(JSON.stringify(view)).not.toMatch(/password|analytical/i);
    expect(await verifyPassword("analytical engine", await hashOf("ada@example.org"))).toBe(true);
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "user.create", result: "success", actorEmail: f.admin.email, objectType: "user", objectId: view.id, objectName: "ada@example.org" });
    expect(JSON.parse(entry!.after!)).toEqual({ email: "ada@example.org", name: "Ada Lovelace", isAdmin: false, isActive: true, groups: [] });
    expect(JSON.stringify(entry)).not.toMatch(/analytical|\$2[aby]\$/);
  });

  it("says what to fix and creates nothing", async () => {
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{ email: "not-an-address" }, "E-mail: enter an address like ada@example.org."],
      [{ name: "  " }, "Name: enter the person's name."],
      [{ password: "short" }, "Password: Use at least 8 characters."],
      [{ password: "x".repeat(73) }, "Password: Use at most 72 bytes."],
      [{ isAdmin: "yes" }, "isAdmin: true or false."],
      [{ role: "admin" }, "Unknown field(s): role."],
    ];
    for (const [change, message] of cases) {
      await expect(createUser(deps(), { actor: f.admin, input: { ...ada, ...change } }), JSON.stringify(change)).rejects.toThrow(message);
    }
    expect(await f.db.user.count()).toBe(2);
    expect(await f.db.auditEntry.count()).toBe(0);
  });

  it("refuses an e-mail that has an account, whatever its case", async () => {
    await expect(createUser(deps(), { actor: f.admin, input: { ...ada, email: "BOB@example.org" } })).rejects.toMatchObject({
      code: "conflict",
      message: "E-mail: 'bob@example.org' already has an account.",
    });
  });

  it("refuses a user who is not a superuser, auditing the attempt", async () => {
    await expect(createUser(deps(), { actor: f.user, input: { ...ada, isAdmin: true } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await f.db.user.count()).toBe(2);
    expect(await audit()).toMatchObject([{ action: "user.create", result: "refused", actorEmail: f.user.email, objectName: " Ada@Example.ORG " }]);
  });
});

describe("listing users", () => {
  it("shows every account with its groups and never a password hash", async () => {
    const ops = await f.db.group.create({ data: { name: "ops" } });
    await f.db.groupMembership.create({ data: { userId: f.user.id, groupId: ops.id } });
    const list = await listUsers(deps(), { actor: f.admin });
    expect(list.map((u) => [u.email, u.groups.map((g) => g.name)])).toEqual([
      ["bob@example.org", ["ops"]],
      ["root@example.org", []],
    ]);
    expect(JSON.stringify(list)).not.toContain("passwordHash");
  });

  it("is for superusers only", async () => {
    await expect(listUsers(deps(), { actor: f.user })).rejects.toMatchObject({ code: "forbidden" });
    expect(await audit()).toMatchObject([{ action: "user.list", result: "refused" }]);
  });
});

describe("updating a user", () => {
  it("renames, promotes and deactivates, with before and after in the audit log", async () => {
    const view = await updateUser(deps(), { actor: f.admin, user: f.user.id, input: { name: "Robert", isAdmin: true, isActive: false } });
    expect(view).toMatchObject({ name: "Robert", isAdmin: true, isActive: false });
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "user.update", result: "success", objectId: f.user.id, objectName: "bob@example.org" });
    expect(JSON.parse(entry!.before!)).toMatchObject({ name: "Bob", isAdmin: false, isActive: true });
    expect(JSON.parse(entry!.after!)).toMatchObject({ name: "Robert", isAdmin: true, isActive: false });
    // Reactivation, naming the user by e-mail.
    expect(await updateUser(deps(), { actor: f.admin, user: "BOB@example.org", input: { isActive: true } })).toMatchObject({ isActive: true });
  });

  it("does not let a superuser deactivate or demote themselves, and says so", async () => {
    await expect(updateUser(deps(), { actor: f.admin, user: f.admin.id, input: { isActive: false } })).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot deactivate your own account; another superuser must do it.",
    });
    await expect(updateUser(deps(), { actor: f.admin, user: f.admin.id, input: { isAdmin: false } })).rejects.toThrow(
      "You cannot remove your own superuser rights; another superuser must do it.",
    );
    expect(await f.db.user.findUniqueOrThrow({ where: { id: f.admin.id } })).toMatchObject({ isAdmin: true, isActive: true });
    expect(await audit()).toMatchObject([{ result: "refused" }, { result: "refused" }]);
    // Renaming oneself is fine.
    await expect(updateUser(deps(), { actor: f.admin, user: f.admin.id, input: { name: "The Root" } })).resolves.toMatchObject({ name: "The Root" });
  });

  it("says what is wrong with the request", async () => {
    await expect(updateUser(deps(), { actor: f.admin, user: "nobody", input: { name: "X" } })).rejects.toMatchObject({ code: "not_found", message: "No user 'nobody'." });
    await expect(updateUser(deps(), { actor: f.admin, user: f.user.id, input: {} })).rejects.toThrow("Nothing to change: give name, isAdmin or isActive.");
    await expect(updateUser(deps(), { actor: f.admin, user: f.user.id, input: { email: "x@example.org" } })).rejects.toThrow("Unknown field(s): email.");
  });

  it("refuses a user who is not a superuser, auditing the attempt", async () => {
    await expect(updateUser(deps(), { actor: f.user, user: f.user.id, input: { isAdmin: true } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await f.db.user.findUniqueOrThrow({ where: { id: f.user.id } })).isAdmin).toBe(false);
    expect(await audit()).toMatchObject([{ action: "user.update", result: "refused", actorEmail: f.user.email, objectId: f.user.id }]);
  });
});

describe("resetting a password", () => {
  it("sets the password the superuser gives, and lifts the account's sign-in lock", async () => {
    await f.db.signInThrottle.create({ data: { key: "account:bob@example.org", failures: 9, windowStart: new Date(), lastFailureAt: new Date(), lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await resetPassword(deps(), { actor: f.admin, user: f.user.id, input: { password: "brand new secret" } })).toEqual({ userId: f.user.id, email: f.user.email, generatedPassword: undefined });
    expect(await verifyPassword("brand new secret", await hashOf(f.user.email))).toBe(true);
    expect(await f.db.signInThrottle.count()).toBe(0);
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "user.reset_password", result: "success", objectId: f.user.id, message: "Password set by the superuser." });
    expect(JSON.stringify(entry)).not.toContain("brand new secret");
  });

  it("generates a password when none is given and hands it back once", async () => {
    const result = await resetPassword(deps(), { actor: f.admin, user: f.user.email, input: {} });
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await verifyPassword(result.generatedPassword!, await hashOf(f.user.email))).toBe(true);
    expect(JSON.stringify(await audit())).not.toContain(result.generatedPassword);
  });

  it("refuses a weak password and a non-superuser, changing nothing", async () => {
    await expect(resetPassword(deps(), { actor: f.admin, user: f.user.id, input: { password: "short" } })).rejects.toThrow("Password: Use at least 8 characters.");
    await expect(resetPassword(deps(), { actor: f.user, user: f.admin.id, input: { password: "taken over!" } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await hashOf(f.admin.email)).toBe("x");
    expect(await hashOf(f.user.email)).toBe("x");
    expect(await audit()).toMatchObject([{ action: "user.reset_password", result: "refused", objectId: f.admin.id }]);
  });
});

describe("setting a user's groups", () => {
  it("replaces the list, by id or name, and audits the group names", async () => {
    const [ops, , lab] = await Promise.all(["ops", "dev", "lab"].map((name) => f.db.group.create({ data: { name } })));
    await setUserGroups(deps(), { actor: f.admin, user: f.user.id, input: { groups: [ops!.id, "dev"] } });
    const view = await setUserGroups(deps(), { actor: f.admin, user: f.user.id, input: { groups: ["dev", lab!.id, "dev"] } });
    expect(view.groups.map((g) => g.name)).toEqual(["dev", "lab"]);
    const entries = await audit();
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!.before!).groups).toEqual(["dev", "ops"]);
    expect(JSON.parse(entries[1]!.after!).groups).toEqual(["dev", "lab"]);
    expect(entries[1]).toMatchObject({ action: "user.set_groups", result: "success", objectId: f.user.id });
    expect((await setUserGroups(deps(), { actor: f.admin, user: f.user.id, input: { groups: [] } })).groups).toEqual([]);
  });

  it("names the unknown groups and changes nothing", async () => {
    const ops = await f.db.group.create({ data: { name: "ops" } });
    await expect(setUserGroups(deps(), { actor: f.admin, user: f.user.id, input: { groups: ["ops", "nope", "gone"] } })).rejects.toMatchObject({
      code: "wrong_input",
      message: "Groups: no group 'nope', 'gone'; give ids or names of existing ones.",
    });
    await expect(setUserGroups(deps(), { actor: f.admin, user: f.user.id, input: { groups: "ops" } })).rejects.toThrow("Groups: a list, e.g. [] for none.");
    await expect(setUserGroups(deps(), { actor: f.user, user: f.user.id, input: { groups: [ops.id] } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await f.db.groupMembership.count()).toBe(0);
    expect(await audit()).toMatchObject([{ action: "user.set_groups", result: "refused" }]);
  });
});
