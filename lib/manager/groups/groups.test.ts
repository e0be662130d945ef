// Groups as a superuser manages them, against a real SQLite database.
import { describe, expect, it } from "vitest";
import { auditRows, useTestActors } from "@/lib/manager/users/test-actors";
import { createGroup } from "./create-group";
import { deleteGroup } from "./delete-group";
import { listGroups } from "./list-groups";
import { setGroupMembers } from "./set-group-members";
import { updateGroup } from "./update-group";

const f = useTestActors();

const deps = () => ({ db: f.db });
const audit = () => auditRows(f.db);
const lab = () => f.db.cluster.create({ data: { id: "c1", slug: "lab", name: "lab.example.org", kind: "remote", rapiUrl: "https://lab:5080" } });

describe("creating a group", () => {
  it("creates it and audits it", async () => {
    const view = await createGroup(deps(), { actor: f.admin, input: { name: "ops-team_2.0", description: " night shift " } });
    expect(view).toMatchObject({ name: "ops-team_2.0", description: "night shift", memberCount: 0, members: [] });
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "group.create", result: "success", objectType: "group", objectId: view.id, objectName: "ops-team_2.0" });
    expect(JSON.parse(entry!.after!)).toEqual({ name: "ops-team_2.0", description: "night shift", members: [] });
  });

  it("refuses names that could not stand in a Ganeti tag, and taken names", async () => {
    for (const name of ["", "ops team", "ops:admin", "ops/x", "é", "x".repeat(65)]) {
      await expect(createGroup(deps(), { actor: f.admin, input: { name } }), name).rejects.toThrow(
        "Name: 1–64 letters, digits, '.', '_' or '-' (it appears in the VMs' Ganeti tags, which allow no spaces).",
      );
    }
    await expect(createGroup(deps(), { actor: f.admin, input: { name: "ops", colour: "red" } })).rejects.toThrow("Unknown field(s): colour.");
    await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await expect(createGroup(deps(), { actor: f.admin, input: { name: "ops" } })).rejects.toMatchObject({
      code: "conflict",
      message: "Name: a group 'ops' exists already; choose another.",
    });
    expect(await f.db.group.count()).toBe(1);
  });

  it("refuses a user who is not a superuser, auditing the attempt", async () => {
    await expect(createGroup(deps(), { actor: f.user, input: { name: "mine" } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await f.db.group.count()).toBe(0);
    expect(await audit()).toMatchObject([{ action: "group.create", result: "refused", actorEmail: f.user.email, objectName: "mine" }]);
  });
});

describe("members", () => {
  it("replaces the member list, by id or e-mail, and lists groups with their members", async () => {
    const ops = await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await createGroup(deps(), { actor: f.admin, input: { name: "dev" } });
    await setGroupMembers(deps(), { actor: f.admin, group: "ops", input: { members: [f.user.id] } });
    const view = await setGroupMembers(deps(), { actor: f.admin, group: ops.id, input: { members: ["ROOT@example.org", f.user.id] } });
    expect(view).toMatchObject({ memberCount: 2, members: [{ email: "bob@example.org", name: "Bob" }, { email: "root@example.org" }] });
    const entry = (await audit()).at(-1)!;
    expect(entry).toMatchObject({ action: "group.set_members", result: "success", objectName: "ops" });
    expect(JSON.parse(entry.before!).members).toEqual(["bob@example.org"]);
    expect(JSON.parse(entry.after!).members).toEqual(["bob@example.org", "root@example.org"]);
    expect((await listGroups(deps(), { actor: f.admin })).map((g) => [g.name, g.memberCount])).toEqual([["dev", 0], ["ops", 2]]);
  });

  it("names the unknown users and changes nothing; refuses non-superusers", async () => {
    await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await expect(setGroupMembers(deps(), { actor: f.admin, group: "ops", input: { members: [f.user.id, "eve@example.org"] } })).rejects.toThrow(
      "Members: no user 'eve@example.org'; give ids or e-mails of existing ones.",
    );
    await expect(setGroupMembers(deps(), { actor: f.admin, group: "nope", input: { members: [] } })).rejects.toMatchObject({ code: "not_found", message: "No group 'nope'." });
    await expect(setGroupMembers(deps(), { actor: f.user, group: "ops", input: { members: [f.user.id] } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listGroups(deps(), { actor: f.user })).rejects.toMatchObject({ code: "forbidden" });
    expect(await f.db.groupMembership.count()).toBe(0);
    expect((await audit()).filter((e) => e.result === "refused").map((e) => e.action)).toEqual(["group.set_members", "group.list"]);
  });
});

describe("updating a group", () => {
  it("renames it and changes its description under the same rules", async () => {
    const ops = await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await createGroup(deps(), { actor: f.admin, input: { name: "dev" } });
    expect(await updateGroup(deps(), { actor: f.admin, group: "ops", input: { name: "operations", description: "24/7" } })).toMatchObject({ id: ops.id, name: "operations", description: "24/7" });
    const entry = (await audit()).at(-1)!;
    expect(entry).toMatchObject({ action: "group.update", objectName: "operations" });
    expect(JSON.parse(entry.before!)).toMatchObject({ name: "ops" });
    await expect(updateGroup(deps(), { actor: f.admin, group: ops.id, input: { name: "dev" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateGroup(deps(), { actor: f.admin, group: ops.id, input: { name: "no spaces" } })).rejects.toThrow(/^Name: 1–64 letters/);
    await expect(updateGroup(deps(), { actor: f.admin, group: ops.id, input: {} })).rejects.toThrow("Nothing to change: give name or description.");
    await expect(updateGroup(deps(), { actor: f.user, group: ops.id, input: { name: "mine" } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await f.db.group.findUniqueOrThrow({ where: { id: ops.id } })).name).toBe("operations");
    expect((await audit()).at(-1)).toMatchObject({ action: "group.update", result: "refused", actorEmail: f.user.email });
  });
});

describe("deleting a group", () => {
  it("removes its memberships, permissions and quota overrides with it", async () => {
    const ops = await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await setGroupMembers(deps(), { actor: f.admin, group: "ops", input: { members: [f.user.id] } });
    await lab();
    const persona = `group:${ops.id}`;
    await f.db.permission.create({ data: { grantee: persona, clusterId: "c1", perm: "create_vm" } });
    await f.db.permission.create({ data: { grantee: `user:${f.user.id}`, clusterId: "c1", perm: "create_vm" } });
    await f.db.quota.create({ data: { clusterId: "c1", persona, memory: 4096 } });
    await deleteGroup(deps(), { actor: f.admin, group: "ops" });
    expect(await f.db.group.count()).toBe(0);
    expect(await f.db.groupMembership.count()).toBe(0);
    expect(await f.db.permission.findMany({ select: { grantee: true } })).toEqual([{ grantee: `user:${f.user.id}` }]);
    expect(await f.db.quota.count()).toBe(0);
    expect((await audit()).at(-1)).toMatchObject({ action: "group.delete", result: "success", objectId: ops.id, message: "Removed with it: 1 permission(s), 1 quota override(s)." });
  });

  it("refuses while the group owns VMs, and refuses non-superusers", async () => {
    const ops = await createGroup(deps(), { actor: f.admin, input: { name: "ops" } });
    await lab();
    await f.db.instanceOwner.createMany({ data: ["web1", "web2"].map((instanceName) => ({ clusterId: "c1", instanceName, persona: `group:${ops.id}` })) });
    await expect(deleteGroup(deps(), { actor: f.admin, group: "ops" })).rejects.toMatchObject({
      code: "conflict",
      message: "Group 'ops' owns 2 VMs; give them to another owner (or remove them) before deleting the group.",
    });
    await expect(deleteGroup(deps(), { actor: f.user, group: ops.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteGroup(deps(), { actor: f.admin, group: "nope" })).rejects.toMatchObject({ code: "not_found" });
    expect(await f.db.group.count()).toBe(1);
    expect((await audit()).map((e) => [e.action, e.result])).toEqual([["group.create", "success"], ["group.delete", "refused"]]);
  });
});
