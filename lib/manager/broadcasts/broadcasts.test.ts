// Broadcasts against a real embedded cluster and a real database: the owners of a cluster's VMs, of a node's (primary
// or secondary) or of chosen VMs, resolved to addresses — a group's members, each address once, inactive accounts and
// VMs without an owner left out — previewed, then sent as one message per recipient listing their VMs, archived and
// audited. Only superusers and the cluster's admins may.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { createInstance } from "@/lib/manager/instances/create-instance";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { listBroadcasts } from "./list-broadcasts";
import { previewBroadcast } from "./preview-broadcast";
import { sendBroadcast } from "./send-broadcast";

const D = "example.org";
let h: ManagerHarness;
let alice: Actor;
let bob: Actor;
let dora: Actor;
let erin: Actor; // inactive
let carol: Actor; // cluster admin

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const preview = (who: Actor, input: Record<string, unknown>) => previewBroadcast({ db: h.t.db }, { actor: who, input: { cluster: "lab", ...input } });
const send = (who: Actor, input: Record<string, unknown>) => sendBroadcast(h.deps, { actor: who, input: { cluster: "lab", subject: "Maintenance on Saturday", text: "The cluster's switches are replaced on Saturday 10:00–12:00 UTC.", ...input } });

beforeAll(async () => {
  h = await createManagerHarness();
  [alice, bob, dora, erin, carol] = [await h.user("alice"), await h.user("bob"), await h.user("dora"), await h.user("erin"), await h.user("carol")];
  const physics = (await h.t.db.group.create({ data: { name: "physics", members: { create: [{ userId: bob.id }, { userId: dora.id }, { userId: erin.id }] } } })).id;
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${carol.id}`, cluster: "lab", perm: "admin" } });
  const vm = (name: string, owner: string, placement: Record<string, unknown>) =>
    createInstance(h.deps, { actor: h.admin, input: { cluster: "lab", name: `${name}.${D}`, owner, os: "noop", memory: 128, vcpus: 1, diskTemplate: "diskless", ...placement } });
  const made = [
    await vm("a1", `user:${alice.id}`, { diskTemplate: "drbd", disks: [1024], pnode: `node2.${D}`, snode: `node3.${D}` }),
    await vm("a2", `user:${alice.id}`, { pnode: `node1.${D}` }),
    await vm("p1", `group:${physics}`, { pnode: `node3.${D}` }),
    await vm("e1", `user:${erin.id}`, { pnode: `node1.${D}` }),
    await vm("n1", `user:${alice.id}`, { pnode: `node1.${D}` }),
  ];
  await h.settle(...made.map((m) => m.jobId));
  // Erin's account is disabled since.
  await h.t.db.user.update({ where: { id: erin.id }, data: { isActive: false } });
  // n1 has no owner (as a VM found on the cluster that nobody has taken in).
  await h.t.db.instanceOwner.delete({ where: { clusterId_instanceName: { clusterId: h.clusterId, instanceName: `n1.${D}` } } });
}, 120_000);
afterAll(() => h?.close());

describe("recipients", () => {
  it("all of a cluster's VMs: each owner's people once, a group's active members, not inactive accounts; unowned VMs counted", async () => {
    expect(await preview(h.admin, {})).toEqual({
      cluster: "lab",
      instances: 5,
      unowned: [`n1.${D}`],
      recipients: 3,
      addresses: [alice.email, bob.email, dora.email],
    });
  });

  it("a node's VMs, primary or secondary", async () => {
    expect((await preview(h.admin, { node: `node2.${D}` })).addresses).toEqual([alice.email]);
    expect(await preview(h.admin, { node: `node3.${D}` })).toMatchObject({ instances: 2, addresses: [alice.email, bob.email, dora.email] });
    expect(await preview(h.admin, { node: `node1.${D}` })).toMatchObject({ instances: 3, unowned: [`n1.${D}`], addresses: [alice.email] });
  });

  it("chosen VMs", async () => {
    expect(await preview(h.admin, { instances: [`p1.${D}`, `n1.${D}`] })).toMatchObject({ instances: 2, unowned: [`n1.${D}`], addresses: [bob.email, dora.email] });
  });

  it("says what is wrong with a scope", async () => {
    const unknownVm = await failure(preview(h.admin, { instances: [`p1.${D}`, "nope.example.org"] }));
    expect(isAppError(unknownVm, "wrong_input") && unknownVm.message).toBe("VMs: cluster lab has no VM 'nope.example.org'.");
    const unknownNode = await failure(preview(h.admin, { node: "node9" }));
    expect(unknownNode.message).toBe("Node: cluster lab has no node 'node9'.");
    expect((await failure(preview(h.admin, { node: `node1.${D}`, instances: [`a1.${D}`] }))).message).toBe("Scope: a node or a list of VMs, not both.");
    expect((await failure(preview(h.admin, { cluster: "elsewhere" }))).message).toBe("No cluster 'elsewhere'.");
  });
});

describe("sending", () => {
  it("one message per recipient, listing their VMs, linked to the archived broadcast; audited", async () => {
    const sent = await send(carol, {});
    expect(sent).toEqual({ id: expect.any(String), recipients: 3, instances: 5 });
    const messages = await h.t.db.mailMessage.findMany({ where: { broadcastId: sent.id }, orderBy: { to: "asc" } });
    expect(messages.map((m) => [m.to, m.kind, m.subject, m.status])).toEqual([
      [alice.email, "broadcast", "Maintenance on Saturday", "outbox"],
      [bob.email, "broadcast", "Maintenance on Saturday", "outbox"],
      [dora.email, "broadcast", "Maintenance on Saturday", "outbox"],
    ]);
    const toAlice = messages[0]!.text;
    expect(toAlice).toMatch(/^The cluster's switches are replaced on Saturday 10:00–12:00 UTC\./);
    expect(toAlice).toContain(`Sent by ${carol.email} to the owners of VMs on cluster lab.`);
    expect(toAlice).toContain(`  - a1.${D}: http://gantry.test/instances/lab/a1.${D}\n  - a2.${D}: http://gantry.test/instances/lab/a2.${D}`);
    expect(toAlice).not.toContain(`p1.${D}`);
    expect(messages[1]!.text).toContain(`  - p1.${D}`);
    expect(await h.t.db.broadcast.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ senderId: carol.id, recipients: 3, subject: "Maintenance on Saturday" });
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "broadcast.send", actorEmail: carol.email, objectId: sent.id, result: "success", clusterId: h.clusterId } })).not.toBeNull();

    const [archived] = await listBroadcasts({ db: h.t.db }, { actor: carol });
    expect(archived).toMatchObject({ id: sent.id, sender: carol.email, scope: { cluster: "lab" }, recipients: 3, delivery: { outbox: 3 } });
    expect((await listBroadcasts({ db: h.t.db }, { actor: h.admin }))[0]?.id).toBe(sent.id);
  });

  it("a chosen VM's owners only, and nobody to tell is refused", async () => {
    const sent = await send(h.admin, { instances: [`p1.${D}`], subject: "p1 moves" });
    expect((await h.t.db.mailMessage.findMany({ where: { broadcastId: sent.id } })).map((m) => m.to).sort()).toEqual([bob.email, dora.email]);
    const nobody = await failure(send(h.admin, { instances: [`n1.${D}`] }));
    expect(isAppError(nobody, "wrong_input") && nobody.message).toBe("Nobody to tell: the VMs chosen (1) have no owner with an active account.");
    expect(await h.t.db.broadcast.count()).toBe(2);
  });

  it("checks the subject and text, and lets only superusers and the cluster's admins send or read", async () => {
    expect((await failure(send(h.admin, { subject: "two\nlines" }))).message).toBe("Subject: one line.");
    expect((await failure(send(h.admin, { text: "  " }))).message).toBe("Text: the notice itself.");
    const refused = await failure(send(bob, {}));
    expect(isAppError(refused, "forbidden") && refused.message).toBe("Not allowed: mailing a notice to the owners of this cluster's VMs needs the cluster's admin permission.");
    expect(isAppError(await failure(preview(bob, {})), "forbidden")).toBe(true);
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "broadcast.send", actorEmail: bob.email, result: "refused" } })).not.toBeNull();
    expect(isAppError(await failure(listBroadcasts({ db: h.t.db }, { actor: bob })), "forbidden")).toBe(true);
    expect(await h.t.db.broadcast.count()).toBe(2);
  });
});
