// Owners are told by e-mail when someone outside their persona starts a job on their VM — a cluster admin, a
// superuser, a holder of a permission on the VM — and not when they act themselves (or a fellow member of the owning
// group does), nor for the create that made the VM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/manager/actor";
import { createInstance } from "@/lib/manager/instances/create-instance";
import { powerInstance } from "@/lib/manager/instances/power-instance";
import { modifyInstance } from "@/lib/manager/instances/modify-instance";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";

let h: ManagerHarness;
let alice: Actor;
let bob: Actor;
let dora: Actor;
let carol: Actor; // cluster admin
let physics: string;

const notices = (to?: string) => h.t.db.mailMessage.findMany({ where: { kind: "instance.admin_action", ...(to ? { to } : {}) }, orderBy: { createdAt: "asc" } });
const ref = (name: string) => ({ cluster: "lab", name });

beforeAll(async () => {
  h = await createManagerHarness();
  [alice, bob, dora, carol] = [await h.user("alice"), await h.user("bob"), await h.user("dora"), await h.user("carol")];
  physics = (await h.t.db.group.create({ data: { name: "physics", members: { create: [{ userId: bob.id }, { userId: dora.id }] } } })).id;
  for (const who of [alice, bob]) await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${who.id}`, cluster: "lab", perm: "create_vm" } });
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${carol.id}`, cluster: "lab", perm: "admin" } });
  const vm = { cluster: "lab", diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1 };
  const made = [
    await createInstance(h.deps, { actor: alice, input: { ...vm, name: "a.example.org" } }),
    await createInstance(h.deps, { actor: bob, input: { ...vm, name: "p.example.org", owner: `group:${physics}` } }),
    // A superuser creates a VM for alice: the create is not an "administrator acted" notice.
    await createInstance(h.deps, { actor: h.admin, input: { ...vm, name: "given.example.org", owner: `user:${alice.id}` } }),
  ];
  await h.settle(...made.map((m) => m.jobId));
}, 120_000);
afterAll(() => h?.close());

describe("owners told of others' jobs on their VMs", () => {
  it("no notice for a create, nor when the owner acts", async () => {
    const own = await powerInstance(h.deps, { actor: alice, ref: ref("a.example.org"), action: "reboot" });
    await h.settle(own.jobId);
    expect(await notices()).toHaveLength(0);
  });

  it("a cluster admin's job on a user's VM mails the user, saying who, what and which job", async () => {
    const job = await powerInstance(h.deps, { actor: carol, ref: ref("a.example.org"), action: "shutdown", input: { timeout: 0 } });
    await h.settle(job.jobId);
    const [mail, ...more] = await notices();
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ to: alice.email, subject: `a.example.org: "shut down" asked by ${carol.email}`, status: "outbox" });
    expect(mail?.text).toContain(`${carol.email} asked for "shut down" on your VM a.example.org (cluster lab) as job #${job.jobId}.`);
    expect(mail?.text).toContain("http://gantry.test/instances/lab/a.example.org");
  });

  it("a group's VM: a member acting tells nobody; a superuser acting tells every member", async () => {
    const byMember = await modifyInstance(h.deps, { actor: bob, ref: ref("p.example.org"), input: { memory: 256 } });
    await h.settle(byMember.jobId);
    expect(await notices(bob.email)).toHaveLength(0);
    expect(await notices(dora.email)).toHaveLength(0);
    const bySuperuser = await modifyInstance(h.deps, { actor: h.admin, ref: ref("p.example.org"), input: { memory: 128 } });
    await h.settle(bySuperuser.jobId);
    for (const member of [bob, dora]) {
      const [mail] = await notices(member.email);
      expect(mail?.subject).toBe(`p.example.org: "change the settings" asked by ${h.admin.email}`);
    }
    expect(await notices(alice.email)).toHaveLength(1);
  });

  it("a holder of a permission on someone else's VM is an outsider too", async () => {
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${bob.id}`, cluster: "lab", instance: "given.example.org", perm: "power" } });
    const job = await powerInstance(h.deps, { actor: bob, ref: ref("given.example.org"), action: "reboot" });
    await h.settle(job.jobId);
    const mails = await notices(alice.email);
    expect(mails.map((m) => m.subject)).toEqual([`a.example.org: "shut down" asked by ${carol.email}`, `given.example.org: "reboot" asked by ${bob.email}`]);
    expect(mails[1]?.text).toContain(`${bob.email} asked for "reboot"`);
  });
});
