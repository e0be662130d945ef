// Reading VM requests against a real embedded cluster and a real SQLite database: each user lists their own requests
// (and their groups'), reviewers the queue with its filters; one request is shown to its applicant, its owner
// group's members and reviewers — anyone else is told it does not exist — and reviewers see the owner's quota and
// what the cluster offers for the approval; the request form offers the owners and the preferred cluster's OS list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { setQuota } from "@/lib/manager/quotas/set-quota";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { approveRequest } from "./approve-request";
import { fileRequest } from "./file-request";
import { getRequest } from "./get-request";
import { listRequests } from "./list-requests";
import { requestFormOptions } from "./request-form-options";

let h: ManagerHarness;
let alice: Actor;
let bob: Actor;
let dave: Actor; // in bob's group
let carol: Actor; // nothing to do with any of it
let rita: Actor; // approves on the lab cluster
let physics: string;
const ids: Record<string, number> = {};

const file = async (who: Actor, hostname: string, over: Record<string, unknown> = {}) =>
  (await fileRequest(h.deps, { actor: who, input: { hostname, memory: 512, vcpus: 1, disk: 2048, os: "noop", purpose: "lab work", ...over } })).id;
const list = (who: Actor, input: Record<string, unknown> = {}) => listRequests({ db: h.t.db }, { actor: who, input });
const get = (who: Actor, id: unknown) => getRequest(h.deps, { actor: who, id });
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const names = (items: Array<{ hostname: string }>) => items.map((i) => i.hostname);

beforeAll(async () => {
  h = await createManagerHarness();
  [alice, bob, dave, carol, rita] = [await h.user("alice"), await h.user("bob"), await h.user("dave"), await h.user("carol"), await h.user("rita")];
  physics = (await h.t.db.group.create({ data: { name: "physics", members: { create: [{ userId: bob.id }, { userId: dave.id }] } } })).id;
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${rita.id}`, cluster: "lab", perm: "approve" } });
  ids.one = await file(alice, "one.example.org", { purpose: "a web site for the choir" });
  ids.two = await file(alice, "two.example.org", { preferredCluster: "lab" });
  ids.three = await file(bob, "three.example.org", { owner: `group:${physics}` });
}, 60_000);
afterAll(() => h?.close());

describe("lists", () => {
  it("a user's own requests, newest first, with their groups' — and no queue for non-reviewers", async () => {
    const mine = await list(alice);
    expect(names(mine.items)).toEqual(["two.example.org", "one.example.org"]);
    expect(mine.items[0]).toMatchObject({ status: "pending", statusWords: "waiting for review", applicant: alice.email, owner: { persona: `user:${alice.id}`, label: alice.email }, preferredCluster: "lab", cluster: null, job: null, vm: null });
    expect(mine.review).toBeNull();
    const groupMate = await list(dave);
    expect(names(groupMate.items)).toEqual(["three.example.org"]);
    expect(groupMate.items[0]!.owner.label).toBe("group physics");
    expect((await list(carol)).total).toBe(0);
    const refused = await failure(list(carol, { queue: "1" }));
    expect(isAppError(refused, "forbidden") && refused.message).toMatch(/reviewing VM requests needs/);
    expect(await h.t.db.auditEntry.count({ where: { action: "request.list_queue", result: "refused", actorEmail: carol.email } })).toBe(1);
  });

  it("the reviewers' queue: pending ones longest waiting first, filtered by text, preferred cluster and status, a page at a time", async () => {
    expect((await list(rita)).review).toEqual({ pending: 3 });
    const queue = await list(rita, { queue: "1" });
    expect(names(queue.items)).toEqual(["one.example.org", "two.example.org", "three.example.org"]);
    expect(names((await list(rita, { queue: "1", q: "choir" })).items)).toEqual(["one.example.org"]);
    expect(names((await list(rita, { queue: "1", q: "bob@" })).items)).toEqual(["three.example.org"]);
    expect(names((await list(rita, { queue: "1", cluster: "lab" })).items)).toEqual(["two.example.org"]);
    const second = await list(rita, { queue: "1", pageSize: "1", page: "2" });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(names(second.items)).toEqual(["two.example.org"]);
    expect((await list(rita, { queue: "1", status: "rejected" })).total).toBe(0);
    expect(isAppError(await failure(list(rita, { queue: "1", status: "done" })), "wrong_input")).toBe(true);
  });
});

describe("one request", () => {
  it("is shown to its applicant and its owner group's members; anyone else is told it does not exist", async () => {
    const own = await get(alice, ids.one);
    expect(own).toMatchObject({ id: ids.one, hostname: "one.example.org", mayWithdraw: true, jobVisible: false, review: null });
    const group = await get(dave, ids.three);
    expect(group).toMatchObject({ hostname: "three.example.org", mayWithdraw: false, review: null });
    const hidden = await failure(get(carol, ids.one));
    const missing = await failure(get(carol, 99_999));
    expect(isAppError(hidden, "not_found") && hidden.message).toBe(`There is no VM request #${ids.one}.`);
    expect(isAppError(missing, "not_found") && missing.message).toBe("There is no VM request #99999.");
    expect(isAppError(await failure(get(alice, "abc")), "wrong_input")).toBe(true);
  });

  it("gives a reviewer the owner's quota and what the cluster offers while it can be decided", async () => {
    await setQuota({ db: h.t.db }, { actor: h.admin, input: { cluster: "lab", persona: `group:${physics}`, memory: 4096, vcpus: 8, disk: null } });
    const seen = await get(rita, ids.three);
    expect(seen.review?.mayDecide).toBe(true);
    const [lab] = seen.review!.clusters;
    expect(lab).toMatchObject({ slug: "lab", readOnly: false, used: { memory: 0, vcpus: 0, disk: 0 }, limits: { memory: 4096, vcpus: 8, disk: null }, offerError: "" });
    expect(lab!.offer!.diskTemplates).toContain("plain");
    expect(lab!.offer!.operatingSystems).toContain("noop");
    expect(lab!.offer!.nodes.length).toBeGreaterThan(0);
    expect(lab!.offer!.groups).toEqual([...new Set(lab!.offer!.nodes.map((n) => n.group))].sort());
  });

  it("after approval: the reviewer follows the job, the applicant gets the VM's link once created", async () => {
    const approved = await approveRequest(h.deps, { actor: rita, id: ids.two, input: { cluster: "lab", diskTemplate: "plain", message: "ok" } });
    const submitted = await get(rita, ids.two);
    expect(submitted).toMatchObject({ status: "submitted", cluster: "lab", reviewer: rita.email, message: "ok", job: { cluster: "lab", id: approved.jobId }, jobVisible: true, vm: null });
    expect(submitted.placement).toMatchObject({ diskTemplate: "plain" });
    expect(submitted.review).toMatchObject({ mayDecide: false, clusters: [{ slug: "lab", offer: null }] });
    await h.settle(approved.jobId);
    const created = await get(alice, ids.two);
    expect(created).toMatchObject({ status: "created", statusWords: "the VM was created", vm: { cluster: "lab", name: "two.example.org" }, jobVisible: false, mayWithdraw: false });
    expect(created.decidedAt).not.toBeNull();
    expect(created.endedAt).not.toBeNull();
    expect((await list(rita)).review).toEqual({ pending: 2 });
  });
});

describe("the request form's options", () => {
  it("offers the owners the user may ask for and the preferred cluster's operating systems and networks", async () => {
    const plain = await requestFormOptions(h.deps, { actor: bob, input: {} });
    expect(plain.personas).toEqual([{ persona: `user:${bob.id}`, label: bob.email }, { persona: `group:${physics}`, label: "group physics" }]);
    expect(plain.clusters).toEqual([{ slug: "lab", description: "" }]);
    expect(plain.offer).toBeNull();
    const lab = await requestFormOptions(h.deps, { actor: carol, input: { cluster: "lab" } });
    expect(lab.offer?.cluster).toBe("lab");
    expect(lab.offer?.operatingSystems).toContain("noop");
    expect(Array.isArray(lab.offer?.networks)).toBe(true);
    expect(isAppError(await failure(requestFormOptions(h.deps, { actor: carol, input: { cluster: "nowhere" } })), "not_found")).toBe(true);
  });
});
