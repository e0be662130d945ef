// Confirmation by e-mail of an owner's destructive actions, against a real embedded cluster and a real database: with
// the admin's setting on, an owner's delete, reinstall or rename waits for the link mailed to them; the link shows
// what will happen to that user only, works once (also when followed twice at once), not after it expired, not once a
// newer request superseded it, and not when the owner lost the VM meanwhile. Superusers and cluster admins act at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { createInstance } from "@/lib/manager/instances/create-instance";
import { setInstanceOwner } from "@/lib/manager/instances/set-instance-owner";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { updateRequestSettings } from "@/lib/manager/settings/update-request-settings";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { confirmAction } from "./confirm-action";
import { runOrConfirm, type RunOrConfirmed } from "./run-or-confirm";
import { showConfirmation } from "./show-confirmation";

let h: ManagerHarness;
let alice: Actor; // owns the VMs
let bob: Actor; // someone else
let carol: Actor; // cluster admin of lab

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const ref = (name: string) => ({ cluster: "lab", name });
const confirmationMails = (to: string) => h.t.db.mailMessage.findMany({ where: { to, kind: "action.confirm" }, orderBy: { createdAt: "asc" } });
/** The token of the link in the latest confirmation e-mail to this address. */
async function linkToken(to: string): Promise<string> {
  const mail = (await confirmationMails(to)).at(-1)!;
  return /http:\/\/gantry\.test\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}
const jobsOn = (name: string, action: string) => h.t.db.managerJob.count({ where: { instanceName: name, action } });

async function makeVm(name: string, start = true) {
  const made = await createInstance(h.deps, { actor: alice, input: { cluster: "lab", name, diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1, start } });
  await h.settle(made.jobId);
}

beforeAll(async () => {
  h = await createManagerHarness();
  [alice, bob, carol] = [await h.user("alice"), await h.user("bob"), await h.user("carol")];
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${alice.id}`, cluster: "lab", perm: "create_vm" } });
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${carol.id}`, cluster: "lab", perm: "admin" } });
  for (const name of ["del.example.org", "gone.example.org", "lost.example.org"]) await makeVm(name);
  for (const name of ["ren.example.org", "re.example.org"]) await makeVm(name, false);
}, 120_000);
afterAll(() => h?.close());

describe("with the setting off", () => {
  it("an owner's destructive action runs at once", async () => {
    await makeVm("now.example.org");
    const answer = await runOrConfirm(h.deps, { actor: alice, ref: ref("now.example.org"), kind: "remove" });
    expect(answer).toMatchObject({ jobId: expect.any(Number), cluster: "lab" });
    await h.settle((answer as { jobId: number }).jobId);
    expect(await confirmationMails(alice.email)).toHaveLength(0);
  });
});

describe("with the setting on", () => {
  beforeAll(async () => {
    await updateRequestSettings({ db: h.t.db }, { actor: h.admin, input: { confirmDestructive: true, confirmHours: 24 } });
  });

  it("an owner's delete waits: nothing submitted, the link mailed to them, the request audited", async () => {
    const before = Date.now();
    const answer: RunOrConfirmed = await runOrConfirm(h.deps, { actor: alice, ref: ref("del.example.org"), kind: "remove" });
    expect(answer).toEqual({ confirmation: "sent", to: alice.email, expiresAt: expect.any(String) });
    const hours = (Date.parse((answer as { expiresAt: string }).expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(23.99);
    expect(hours).toBeLessThan(24.01);
    expect(await jobsOn("del.example.org", "instance.remove")).toBe(0);

    const [mail] = await confirmationMails(alice.email);
    expect(mail?.subject).toBe("Confirm: Delete del.example.org");
    expect(mail?.text).toContain("del.example.org and all its disks are removed from cluster lab. This cannot be undone.");
    expect(mail?.text).toMatch(/The link works once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(mail?.status).toBe("outbox");
    const token = await linkToken(alice.email);
    // Only the link's hash is stored.
    const row = await h.t.db.actionConfirmation.findFirstOrThrow({ where: { instanceName: "del.example.org" } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "instance.confirm_requested", actorEmail: alice.email, objectName: "del.example.org", result: "success" } })).not.toBeNull();
  });

  it("the link shows what will happen, to its user only; followed twice at once it runs once; then it is used", async () => {
    const token = await linkToken(alice.email);
    expect(await showConfirmation(h.deps, { actor: alice, token })).toMatchObject({ title: "Delete del.example.org", cluster: "lab", instance: "del.example.org" });

    const other = await failure(confirmAction(h.deps, { actor: bob, token }));
    expect(isAppError(other, "forbidden") && other.message).toBe("This confirmation link was sent to another user: sign in as the user it was sent to.");
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "instance.confirm", result: "refused", actorEmail: bob.email } })).not.toBeNull();
    expect(isAppError(await failure(showConfirmation(h.deps, { actor: bob, token })), "forbidden")).toBe(true);

    const both = await Promise.allSettled([confirmAction(h.deps, { actor: alice, token }), confirmAction(h.deps, { actor: alice, token })]);
    const won = both.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = both.find((r) => r.status === "rejected")!.reason as Error;
    expect(isAppError(lost, "conflict") && lost.message).toMatch(/^This confirmation link was used already, at .* UTC: a link works once\.$/);
    const job = (won[0] as PromiseFulfilledResult<{ jobId: number; label: string }>).value;
    expect(job.label).toBe("Delete del.example.org");
    expect(await jobsOn("del.example.org", "instance.remove")).toBe(1);
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "instance.remove", jobId: job.jobId, actorEmail: alice.email, result: "success" } })).not.toBeNull();
    await h.settle(job.jobId);
    expect(await h.t.db.cachedInstance.count({ where: { name: "del.example.org" } })).toBe(0);

    const again = await failure(confirmAction(h.deps, { actor: alice, token }));
    expect(isAppError(again, "conflict") && again.message).toMatch(/used already/);
    expect(isAppError(await failure(confirmAction(h.deps, { actor: alice, token: "not-a-token" })), "not_found")).toBe(true);
  });

  it("an expired link is refused", async () => {
    await runOrConfirm(h.deps, { actor: alice, ref: ref("re.example.org"), kind: "reinstall", input: { os: "noop" } });
    const token = await linkToken(alice.email);
    // A day and a bit later:
    await h.t.db.actionConfirmation.updateMany({ where: { instanceName: "re.example.org" }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000) } });
    const expired = await failure(confirmAction(h.deps, { actor: alice, token }));
    expect(isAppError(expired, "conflict") && expired.message).toMatch(/^This confirmation link expired at .* UTC; ask again from the VM's page if it is still wanted\.$/);
    expect(await jobsOn("re.example.org", "instance.reinstall")).toBe(0);
  });

  it("a newer request for the same action supersedes the older link; the newer one works, with its options", async () => {
    await runOrConfirm(h.deps, { actor: alice, ref: ref("ren.example.org"), kind: "rename", input: { newName: "first.example.org" } });
    const older = await linkToken(alice.email);
    await runOrConfirm(h.deps, { actor: alice, ref: ref("ren.example.org"), kind: "rename", input: { newName: "renamed.example.org" } });
    const newer = await linkToken(alice.email);
    expect(newer).not.toBe(older);
    const superseded = await failure(confirmAction(h.deps, { actor: alice, token: older }));
    expect(superseded.message).toMatch(/^This confirmation link was replaced by a newer request for the same action, made at .* UTC: use the link in the latest e-mail\.$/);
    expect(await showConfirmation(h.deps, { actor: alice, token: newer })).toMatchObject({ title: "Rename ren.example.org to renamed.example.org" });
    const job = await confirmAction(h.deps, { actor: alice, token: newer });
    await h.settle(job.jobId);
    expect(await h.t.db.cachedInstance.count({ where: { name: "renamed.example.org" } })).toBe(1);
  });

  it("refuses what the action would refuse before mailing anything", async () => {
    const mails = (await confirmationMails(alice.email)).length;
    const same = await failure(runOrConfirm(h.deps, { actor: alice, ref: ref("renamed.example.org"), kind: "rename", input: { newName: "renamed.example.org" } }));
    expect(isAppError(same, "wrong_input") && same.message).toBe("New name: it is the VM's name already.");
    const up = await failure(runOrConfirm(h.deps, { actor: alice, ref: ref("gone.example.org"), kind: "rename", input: { newName: "x.example.org" } }));
    expect(isAppError(up, "conflict") && up.message).toBe("Shut gone.example.org down first: Ganeti renames only a stopped VM.");
    const notHers = await failure(runOrConfirm(h.deps, { actor: bob, ref: ref("gone.example.org"), kind: "remove" }));
    expect(isAppError(notHers, "forbidden")).toBe(true);
    expect(await confirmationMails(alice.email)).toHaveLength(mails);
    expect(await confirmationMails(bob.email)).toHaveLength(0);
  });

  it("an owner who lost the VM between asking and confirming is refused when confirming", async () => {
    await runOrConfirm(h.deps, { actor: alice, ref: ref("lost.example.org"), kind: "remove" });
    const token = await linkToken(alice.email);
    await setInstanceOwner(h.deps, { actor: h.admin, ref: ref("lost.example.org"), input: { owner: `user:${bob.id}` } });
    const refused = await failure(confirmAction(h.deps, { actor: alice, token }));
    expect(isAppError(refused, "forbidden") && refused.message).toBe("Not allowed: removing or reinstalling this VM needs the VM's admin or remove permission, or the cluster's admin permission.");
    expect(await jobsOn("lost.example.org", "instance.remove")).toBe(0);
    expect(await h.t.db.cachedInstance.count({ where: { name: "lost.example.org" } })).toBe(1);
  });

  it("a holder of a permission granted on the VM confirms too; a cluster admin and a superuser act at once", async () => {
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${bob.id}`, cluster: "lab", instance: "gone.example.org", perm: "remove" } });
    expect(await runOrConfirm(h.deps, { actor: bob, ref: ref("gone.example.org"), kind: "reinstall" })).toMatchObject({ confirmation: "sent", to: bob.email });
    const byClusterAdmin = await runOrConfirm(h.deps, { actor: carol, ref: ref("gone.example.org"), kind: "reinstall" });
    expect(byClusterAdmin).toMatchObject({ jobId: expect.any(Number) });
    await h.settle((byClusterAdmin as { jobId: number }).jobId);
    const bySuperuser = await runOrConfirm(h.deps, { actor: h.admin, ref: ref("gone.example.org"), kind: "remove" });
    expect(bySuperuser).toMatchObject({ jobId: expect.any(Number) });
    await h.settle((bySuperuser as { jobId: number }).jobId);
    expect(await confirmationMails(carol.email)).toHaveLength(0);
    expect(await confirmationMails(h.admin.email)).toHaveLength(0);
  });
});
