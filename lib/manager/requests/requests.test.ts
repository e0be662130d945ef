// VM requests against a real embedded cluster (over its RAPI) and a real SQLite database: a user files a request
// within the admin's limits, withdraws one, a reviewer rejects one with a message, approves one onto the cluster —
// the VM is created for the request's owner and the request follows the job to created or failed — an approval over
// the owner's quota needs an explicit, audited override, and two approvers at once make one VM. Every step's e-mail
// is in the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { setQuota } from "@/lib/manager/quotas/set-quota";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { approveRequest } from "./approve-request";
import { checkRequest } from "./check-request";
import { fileRequest } from "./file-request";
import { rejectRequest } from "./reject-request";
import { withdrawRequest } from "./withdraw-request";

let h: ManagerHarness;
let alice: Actor;
let bob: Actor;
let rita: Actor; // approves on the lab cluster
let physics: string;

const ask = (over: Record<string, unknown> = {}) => ({ hostname: "vm1.example.org", memory: 512, vcpus: 1, disk: 2048, os: "noop", purpose: "lab work", ...over });
const file = (who: Actor, over: Record<string, unknown> = {}) => fileRequest(h.deps, { actor: who, input: ask(over) });
const mailTo = (to: string, kind: string) => h.t.db.mailMessage.findMany({ where: { to, kind }, orderBy: { createdAt: "asc" } });
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const approve = (who: Actor, id: number, over: Record<string, unknown> = {}) => approveRequest(h.deps, { actor: who, id, input: { cluster: "lab", diskTemplate: "plain", ...over } });

beforeAll(async () => {
  h = await createManagerHarness();
  [alice, bob, rita] = [await h.user("alice"), await h.user("bob"), await h.user("rita")];
  physics = (await h.t.db.group.create({ data: { name: "physics", members: { create: [{ userId: bob.id }] } } })).id;
  await h.t.db.user.upsert({ where: { id: h.admin.id }, create: { id: h.admin.id, email: h.admin.email, name: "admin", passwordHash: "-", isAdmin: true }, update: {} });
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${rita.id}`, cluster: "lab", perm: "approve" } });
}, 60_000);
afterAll(() => h?.close());

describe("filing", () => {
  it("checks the admin's limits, the owner, the name and the preferred cluster's quota, naming each field", async () => {
    const check = await checkRequest({ db: h.t.db }, { actor: alice, input: ask({ memory: 8192, vcpus: 9, owner: `group:${physics}`, preferredCluster: "nowhere" }) });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { field: "memory", message: "Memory: between 512 MiB and 4 GiB." },
      { field: "vcpus", message: "vCPUs: at most 4." },
      { field: "owner", message: "Owner: yourself or a group you belong to." },
      { field: "preferredCluster", message: "Cluster: there is no cluster 'nowhere'; leave it empty for no preference." },
    ]);
    expect((await checkRequest({ db: h.t.db }, { actor: alice, input: ask({ hostname: "vm1" }) })).problems[0]?.message).toMatch(/fully qualified/);
    // A form still half empty hears about its sizes too.
    expect((await checkRequest({ db: h.t.db }, { actor: alice, input: ask({ os: "", purpose: "", disk: 1_048_576 }) })).problems.map((p) => p.field)).toEqual(["os", "purpose", "disk"]);
    const refused = await failure(file(alice, { memory: 8192 }));
    expect(isAppError(refused, "wrong_input") && refused.message).toBe("Memory: between 512 MiB and 4 GiB.");
    expect(await h.t.db.vmRequest.count()).toBe(0);
  });

  it("files a request as pending, audited, and mails the approvers (superusers and the cluster's approvers)", async () => {
    const filed = await file(alice, { hostname: "alpha.example.org", preferredCluster: "lab" });
    expect(filed.status).toBe("pending");
    expect(await h.t.db.auditEntry.count({ where: { action: "request.create", objectId: String(filed.id), result: "success" } })).toBe(1);
    const [toRita] = await mailTo(rita.email, "request.new");
    expect(toRita?.subject).toBe(`VM request #${filed.id}: alpha.example.org from ${alice.email}`);
    expect(toRita?.text).toContain(`http://gantry.test/applications/${filed.id}`);
    expect(toRita?.status).toBe("outbox");
    expect(await mailTo(h.admin.email, "request.new")).toHaveLength(1);
    expect(await mailTo(bob.email, "request.new")).toHaveLength(0);
    const again = await failure(file(bob, { hostname: "alpha.example.org" }));
    expect(isAppError(again, "conflict") && again.message).toBe("Name: alpha.example.org is asked for in an open request already; choose another name.");
  });

  it("lets only the applicant withdraw, and only while pending", async () => {
    const { id } = await file(alice, { hostname: "beta.example.org" });
    expect(isAppError(await failure(withdrawRequest({ db: h.t.db }, { actor: bob, id })), "forbidden")).toBe(true);
    expect(await withdrawRequest({ db: h.t.db }, { actor: alice, id })).toEqual({ id, status: "withdrawn" });
    expect(isAppError(await failure(withdrawRequest({ db: h.t.db }, { actor: alice, id })), "conflict")).toBe(true);
    // A withdrawn request no longer holds its name.
    expect((await file(bob, { hostname: "beta.example.org", owner: `group:${physics}` })).status).toBe("pending");
  });
});

describe("review", () => {
  it("a rejection needs a reviewer and a reason, and reaches the applicant with it", async () => {
    const { id } = await file(alice, { hostname: "gamma.example.org" });
    const refused = await failure(rejectRequest(h.deps, { actor: bob, id, input: { message: "no" } }));
    expect(isAppError(refused, "forbidden") && refused.message).toMatch(/reviewing VM requests needs the cluster's admin or approve permission/);
    expect(await h.t.db.auditEntry.count({ where: { action: "request.reject", result: "refused", actorEmail: bob.email } })).toBe(1);
    expect(isAppError(await failure(rejectRequest(h.deps, { actor: rita, id, input: { message: "" } })), "wrong_input")).toBe(true);
    expect(await rejectRequest(h.deps, { actor: rita, id, input: { message: "Use the shared web server instead." } })).toEqual({ id, status: "rejected" });
    const [mail] = await mailTo(alice.email, "request.rejected");
    expect(mail?.text).toContain("Their reason: Use the shared web server instead.");
    expect(isAppError(await failure(approve(rita, id)), "conflict")).toBe(true);
  });

  it("an approval creates the VM for the request's owner; the request follows the job to created and the applicant is told how to reach it", async () => {
    const { id } = await file(bob, { hostname: "delta.example.org", owner: `group:${physics}` });
    const approved = await approve(rita, id, { message: "enjoy" });
    expect(approved).toMatchObject({ id, status: "submitted", cluster: "lab", jobId: expect.any(Number) });
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "submitted", reviewerId: rita.id, jobId: approved.jobId });
    await h.settle(approved.jobId);
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "created", failure: "" });
    const vm = await h.t.db.cachedInstance.findFirstOrThrow({ where: { name: "delta.example.org" } });
    expect(vm).toMatchObject({ ownerKey: `group:${physics}`, adminState: "up", memory: 512, vcpus: 1 });
    expect((await mailTo(bob.email, "request.approved"))[0]?.text).toContain("Their note: enjoy");
    expect((await mailTo(bob.email, "request.created"))[0]?.text).toContain("http://gantry.test/instances/lab/delta.example.org/console");
  });

  it("only onto a cluster the reviewer approves on", async () => {
    const { id } = await file(alice, { hostname: "epsilon.example.org" });
    const refused = await failure(approve(bob, id));
    expect(isAppError(refused, "forbidden")).toBe(true);
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending" });
  });

  it("over the owner's quota: refused unless overridden, and the override is audited", async () => {
    await setQuota({ db: h.t.db }, { actor: h.admin, input: { cluster: "lab", persona: `user:${alice.id}`, memory: 256, vcpus: null, disk: null } });
    const { id } = await file(alice, { hostname: "zeta.example.org" });
    const refused = await failure(approve(rita, id));
    expect(isAppError(refused, "quota_exceeded") && refused.message).toMatch(/^Over the owner's quota on cluster lab: 512 MiB of memory needed of a quota of 256 MiB of memory\. .*explicitly/);
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", reviewerId: null });
    const approved = await approve(rita, id, { overrideQuota: true });
    expect(approved.status).toBe("submitted");
    const override = await h.t.db.auditEntry.findFirstOrThrow({ where: { action: "request.quota_override", objectId: String(id) } });
    expect(override).toMatchObject({ actorEmail: rita.email, result: "success" });
    expect(override.message).toMatch(/512 MiB of memory needed of a quota of 256/);
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ quotaOverride: true });
    await h.settle(approved.jobId);
  });

  it("two approvers at once: one VM, and the other is told someone else decided", async () => {
    const { id } = await file(alice, { hostname: "eta.example.org", memory: 512 });
    await setQuota({ db: h.t.db }, { actor: h.admin, input: { cluster: "lab", persona: `user:${alice.id}`, memory: null, vcpus: null, disk: null } });
    const outcomes = await Promise.allSettled([approve(rita, id), approve(h.admin, id)]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isAppError(lost[0]!.reason, "conflict") && lost[0]!.reason.message).toMatch(/decided by someone else|is approved already|is submitted already/);
    expect(await h.t.db.managerJob.count({ where: { action: "instance.create", instanceName: "eta.example.org" } })).toBe(1);
    await h.settle((won[0] as PromiseFulfilledResult<{ jobId: number }>).value.jobId);
    expect(await h.t.db.cachedInstance.count({ where: { name: "eta.example.org" } })).toBe(1);
  });

  it("a create job that fails leaves the request failed with the cluster's reason; it can be approved again", async () => {
    const { id } = await file(alice, { hostname: "theta.example.org" });
    const approved = await approve(rita, id, { memory: 4096 * 1024 });
    await h.settle(approved.jobId);
    const failed = await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe("failed");
    expect(failed.failure).not.toBe("");
    expect((await mailTo(rita.email, "request.failed"))[0]?.text).toContain(failed.failure);
    const again = await approve(rita, id);
    await h.settle(again.jobId);
    expect(await h.t.db.vmRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "created", failure: "" });
  });
});
