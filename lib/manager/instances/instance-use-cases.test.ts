// The VM use cases against Gantry's real RAPI (an embedded cluster in this process, over HTTPS) and a real SQLite
// database: a user creates VMs for themselves or a group, quotas hold under concurrent requests, the jobs are followed
// into the cache, lists show each user what they may see, and ownership survives the loss of its rows through the
// cluster's owner tags.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { setQuota } from "@/lib/manager/quotas/set-quota";
import { listQuotas } from "@/lib/manager/quotas/list-quotas";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import type { TestDatabase } from "@/lib/db/testing";
import type { RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import { createInstance } from "./create-instance";
import { listInstances } from "./list-instances";
import { powerInstance } from "./power-instance";
import { removeInstance } from "./remove-instance";
import { setInstanceOwner } from "./set-instance-owner";

let h: ManagerHarness;
let rapi: RapiHarness;
let t: TestDatabase;
let deps: JobDeps;
let admin: Actor;
let alice: Actor;
let bob: Actor;
let carol: Actor;
let physics: string;

const sync = (options?: { full?: boolean }) => h.sync(options);
const settle = (...jobIds: number[]) => h.settle(...jobIds);
const names = async (who: Actor) => (await listInstances({ db: t.db }, { actor: who, input: { pageSize: 500 } })).items.map((i) => i.name);
const vm = (over: Record<string, unknown> = {}) => ({ cluster: "lab", diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1, ...over });

beforeAll(async () => {
  h = await createManagerHarness();
  ({ rapi, t, deps, admin } = h);
  [alice, bob, carol] = [await h.user("alice"), await h.user("bob"), await h.user("carol")];
  physics = (await t.db.group.create({ data: { name: "physics", members: { create: [{ userId: bob.id }] } } })).id;
  for (const who of [alice, bob]) await changePermission({ db: t.db }, { actor: admin, grant: true, input: { grantee: `user:${who.id}`, cluster: "lab", perm: "create_vm" } });
}, 60_000);
afterAll(() => h?.close());

describe("creating VMs", () => {
  it("a user creates a VM for themselves: owned from the first moment, tagged on the cluster, followed into the cache", async () => {
    const made = await createInstance(deps, { actor: alice, input: vm({ name: "a1.example.org" }) });
    expect(made).toMatchObject({ cluster: "lab", name: "a1.example.org", owner: alice.email, jobId: expect.any(Number) });
    const open = await t.db.managerJob.findFirstOrThrow({ where: { jobId: made.jobId } });
    expect(open).toMatchObject({ action: "instance.create", persona: "user:alice", memory: 128, vcpus: 1, endedAt: null });
    await settle(made.jobId);
    expect((await t.db.managerJob.findFirstOrThrow({ where: { jobId: made.jobId } })).endedAt).not.toBeNull();
    const row = await t.db.cachedInstance.findFirstOrThrow({ where: { name: "a1.example.org" } });
    expect(row).toMatchObject({ ownerKey: "user:alice", adminState: "up", memory: 128 });
    expect(JSON.parse(row.tags)).toContain("gantry:owner:user:alice@example.org");
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "instance.create", result: "success" } });
    expect(audit).toMatchObject({ actorEmail: alice.email, jobId: made.jobId, persona: "user:alice", objectName: "a1.example.org" });
  });

  it("a group member creates a VM on behalf of the group; someone outside it cannot", async () => {
    const made = await createInstance(deps, { actor: bob, input: vm({ name: "p1.example.org", owner: `group:${physics}` }) });
    await settle(made.jobId);
    expect((await t.db.cachedInstance.findFirstOrThrow({ where: { name: "p1.example.org" } })).ownerKey).toBe(`group:${physics}`);
    const refused = await createInstance(deps, { actor: alice, input: vm({ name: "p2.example.org", owner: `group:${physics}` }) }).catch((e) => e);
    expect(isAppError(refused, "forbidden")).toBe(true);
    expect(refused.message).toMatch(/only for yourself or a group you belong to/);
    expect(await t.db.instanceOwner.count({ where: { instanceName: "p2.example.org" } })).toBe(0);
  });

  it("without create_vm, a create is refused, audited, and nothing reaches the cluster", async () => {
    const jobCount = async () => ((await rapi.call({ path: "/2/jobs" })).body as unknown[]).length;
    const jobsBefore = await jobCount();
    const refused = await createInstance(deps, { actor: carol, input: vm({ name: "c1.example.org" }) }).catch((e) => e);
    expect(isAppError(refused, "forbidden")).toBe(true);
    expect(refused.message).toBe("Not allowed: creating VMs on this cluster needs the cluster's admin or create_vm permission.");
    expect(await t.db.auditEntry.findFirst({ where: { action: "instance.create", result: "refused", actorEmail: carol.email } })).not.toBeNull();
    expect(await t.db.managerJob.count({ where: { instanceName: "c1.example.org" } })).toBe(0);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("bad input says what to fix and changes nothing", async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: "no spaces allowed" }, /Name: a host name/],
      [{ name: "d1.example.org", memory: 10 }, /Memory: at least 64 MiB/],
      [{ name: "d1.example.org", vcpus: 0 }, /vCPUs: a whole number from 1 to 256/],
      [{ name: "d1.example.org", diskTemplate: "plain" }, /Disks: give at least one disk size/],
      [{ name: "d1.example.org", disks: [1024] }, /a diskless VM has none/],
      [{ name: "d1.example.org", owner: "someone" }, /Owner: 'user:<id>' or 'group:<id>'/],
      [{ name: "d1.example.org", color: "red" }, /Unknown field\(s\): color/],
      [{ name: "a1.example.org" }, /already has a VM 'a1.example.org'/],
    ];
    for (const [input, message] of cases) await expect(createInstance(deps, { actor: alice, input: vm(input) })).rejects.toThrow(message);
    expect(await t.db.managerJob.count({ where: { endedAt: null } })).toBe(0);
  });
});

describe("quotas", () => {
  it("20 concurrent creates against a quota that fits 5 more: exactly 5 are accepted", async () => {
    const used = (await listQuotas({ db: t.db }, { actor: alice, input: { cluster: "lab" } })).quotas.find((q) => q.persona === "user:alice")!.used;
    expect(used).toEqual({ memory: 128, vcpus: 1, disk: 0 });
    await setQuota({ db: t.db }, { actor: admin, input: { cluster: "lab", persona: "user:alice", memory: 128 + 5 * 128, vcpus: null, disk: null } });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => createInstance(deps, { actor: alice, input: vm({ name: `q${i}.example.org` }) })));
    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason.message).toMatch(/^Over quota: 896 MiB of memory needed of a quota of 768 MiB of memory/);
    expect(await t.db.auditEntry.count({ where: { action: "instance.create", result: "refused", actorEmail: alice.email } })).toBe(15);
    await settle(...accepted.map((r) => (r as PromiseFulfilledResult<{ jobId: number }>).value.jobId));
    const after = (await listQuotas({ db: t.db }, { actor: alice, input: { cluster: "lab" } })).quotas.find((q) => q.persona === "user:alice")!;
    expect(after.used.memory).toBe(768);
    expect(after.limits.memory).toBe(768);
    expect(await t.db.managerJob.count({ where: { endedAt: null } })).toBe(0);
  });

  it("starting a stopped VM counts against the quota; stopping frees it", async () => {
    const stop = await powerInstance(deps, { actor: alice, ref: { cluster: "lab", name: "a1.example.org" }, action: "shutdown", input: { timeout: 0 } });
    await settle(stop.jobId);
    // 768 - 128 = 640 in use now: another 128 MiB VM fits again, and then a1's 128 MiB no longer does.
    const another = await createInstance(deps, { actor: alice, input: vm({ name: "q-late.example.org" }) });
    const start = await powerInstance(deps, { actor: alice, ref: { cluster: "lab", name: "a1.example.org" }, action: "startup" }).catch((e) => e);
    expect(isAppError(start, "quota_exceeded")).toBe(true);
    await settle(another.jobId);
    expect((await t.db.cachedInstance.findFirstOrThrow({ where: { name: "a1.example.org" } })).adminState).toBe("down");
  });
});

describe("who sees which VMs", () => {
  it("owners and group members see their VMs, a granted user the VM granted, others nothing, a superuser all", async () => {
    expect(await names(alice)).toContain("a1.example.org");
    expect(await names(alice)).not.toContain("p1.example.org");
    expect(await names(bob)).toEqual(["p1.example.org"]);
    expect(await names(carol)).toEqual([]);
    await changePermission({ db: t.db }, { actor: alice, grant: true, input: { grantee: "user:carol", cluster: "lab", instance: "a1.example.org", perm: "power" } });
    expect(await names(carol)).toEqual(["a1.example.org"]);
    expect((await names(admin)).length).toBe((await t.db.cachedInstance.count()));
  });
});

describe("ownership", () => {
  it("survives the loss of its rows: the sync restores owners from the cluster's tags", async () => {
    await t.db.instanceOwner.deleteMany({});
    await sync({ full: true }); // as after a restart
    expect((await t.db.instanceOwner.findUniqueOrThrow({ where: { clusterId_instanceName: { clusterId: (await t.db.cluster.findFirstOrThrow()).id, instanceName: "a1.example.org" } } })).persona).toBe("user:alice");
    expect((await t.db.cachedInstance.findFirstOrThrow({ where: { name: "p1.example.org" } })).ownerKey).toBe(`group:${physics}`);
    expect(await t.db.auditEntry.findFirst({ where: { action: "instance.owner_restored" } })).toMatchObject({ result: "success", actorId: null });
  });

  it("a cluster admin gives a VM to someone else: the row, the cache and the cluster's tag follow", async () => {
    const change = await setInstanceOwner(deps, { actor: admin, ref: { cluster: "lab", name: "p1.example.org" }, input: { owner: "user:carol" } });
    expect(change).toMatchObject({ owner: "user:carol", label: carol.email, tagJobId: expect.any(Number) });
    await settle(change.tagJobId!);
    const row = await t.db.cachedInstance.findFirstOrThrow({ where: { name: "p1.example.org" } });
    expect(row.ownerKey).toBe("user:carol");
    expect(JSON.parse(row.tags).filter((tag: string) => tag.startsWith("gantry:owner:"))).toEqual(["gantry:owner:user:carol@example.org"]);
    expect(await names(bob)).toEqual([]);
    const refused = await setInstanceOwner(deps, { actor: alice, ref: { cluster: "lab", name: "a1.example.org" }, input: { owner: "user:bob" } }).catch((e) => e);
    expect(isAppError(refused, "forbidden")).toBe(true);
  });

  it("removing a VM drops its owner row and permissions once the job has succeeded", async () => {
    const removed = await removeInstance(deps, { actor: alice, ref: { cluster: "lab", name: "a1.example.org" } });
    expect(await t.db.instanceOwner.count({ where: { instanceName: "a1.example.org" } })).toBe(1);
    await settle(removed.jobId);
    expect(await t.db.cachedInstance.count({ where: { name: "a1.example.org" } })).toBe(0);
    expect(await t.db.instanceOwner.count({ where: { instanceName: "a1.example.org" } })).toBe(0);
    expect(await t.db.permission.count({ where: { instanceName: "a1.example.org" } })).toBe(0);
  });
});
