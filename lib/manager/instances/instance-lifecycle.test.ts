// The rest of a VM's life and the cluster's jobs, through the manager against Gantry's real RAPI and an embedded
// cluster: rename (owner and permissions follow), reinstall (never starts a stopped VM), grow a disk (quota),
// failover and replace disks (cluster permissions), node roles and evacuation, job lists, live job details, cancel,
// the VM's history, and VM templates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { getJob } from "@/lib/manager/jobs/get-job";
import { cancelJob } from "@/lib/manager/jobs/cancel-job";
import { listJobs } from "@/lib/manager/jobs/list-jobs";
import { evacuateNode, setNodeRole } from "@/lib/manager/nodes/node-actions";
import { getNode, listNodes } from "@/lib/manager/nodes/list-nodes";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { listPersonas } from "@/lib/manager/personas/list-personas";
import { setQuota } from "@/lib/manager/quotas/set-quota";
import { deleteTemplate, listTemplates, saveTemplate } from "@/lib/manager/templates/manage-templates";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { checkCreate } from "./check-create";
import { createInstance } from "./create-instance";
import { createOptions } from "./create-options";
import { failoverInstance } from "./failover-instance";
import { growDisk } from "./grow-disk";
import { instanceHistory } from "./instance-history";
import { instanceLive } from "./instance-live";
import { powerInstance } from "./power-instance";
import { reinstallInstance } from "./reinstall-instance";
import { renameInstance } from "./rename-instance";
import { replaceDisks } from "./replace-disks";

let h: ManagerHarness;
let owner: Actor;
let other: Actor;
const D = "example.org";
const ref = (name: string) => ({ cluster: "lab", name: `${name}.${D}` });
const cached = (name: string) => h.t.db.cachedInstance.findFirst({ where: { name: `${name}.${D}` } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

beforeAll(async () => {
  h = await createManagerHarness();
  await h.rapi.cluster.addNodes(1); // a fourth node: room for a new DRBD secondary
  [owner, other] = [await h.user("owner"), await h.user("other")];
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: "user:owner", cluster: "lab", perm: "create_vm" } });
  const made = [
    await createInstance(h.deps, { actor: owner, input: { cluster: "lab", name: `app.${D}`, diskTemplate: "plain", disks: [1024], os: "noop", memory: 128, vcpus: 1 } }),
    await createInstance(h.deps, { actor: h.admin, input: { cluster: "lab", name: `db.${D}`, owner: "user:owner", diskTemplate: "drbd", disks: [1024], os: "noop", memory: 128, vcpus: 1, pnode: `node2.${D}`, snode: `node3.${D}` } }),
  ];
  await h.settle(...made.map((m) => m.jobId));
}, 90_000);
afterAll(() => h?.close());

describe("a VM's life", () => {
  it("rename: refused while up (saying what to do), then done; the owner and permissions follow the new name", async () => {
    await changePermission({ db: h.t.db }, { actor: owner, grant: true, input: { grantee: "user:other", cluster: "lab", instance: `app.${D}`, perm: "power" } });
    const up = await refusal(renameInstance(h.deps, { actor: owner, ref: ref("app"), input: { newName: `app2.${D}` } }));
    expect(isAppError(up, "conflict") && up.message).toBe(`Shut app.${D} down first: Ganeti renames only a stopped VM.`);
    await h.settle((await powerInstance(h.deps, { actor: owner, ref: ref("app"), action: "shutdown", input: { timeout: 0 } })).jobId);
    const renamed = await renameInstance(h.deps, { actor: owner, ref: ref("app"), input: { newName: `App2.${D}` } });
    await h.settle(renamed.jobId);
    expect(await cached("app")).toBeNull();
    expect(await cached("app2")).toMatchObject({ ownerKey: "user:owner" });
    expect(await h.t.db.instanceOwner.findMany({ where: { clusterId: h.clusterId, instanceName: { startsWith: "app" } }, select: { instanceName: true } })).toEqual([{ instanceName: `app2.${D}` }]);
    expect(await h.t.db.permission.findFirst({ where: { grantee: "user:other" } })).toMatchObject({ instanceName: `app2.${D}`, perm: "power" });
  });

  it("reinstall leaves a stopped VM stopped, and starts again one that was up", async () => {
    const job = await reinstallInstance(h.deps, { actor: owner, ref: ref("app2"), input: { os: "noop" } });
    await h.settle(job.jobId);
    expect((await h.rapi.job(job.jobId)).ops.map((o: { OP_ID: string }) => o.OP_ID)).toEqual(["OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REINSTALL"]);
    expect((await cached("app2"))!.adminState).toBe("down");
    const up = await reinstallInstance(h.deps, { actor: owner, ref: ref("db") });
    await h.settle(up.jobId);
    expect((await cached("db"))!.adminState).toBe("up");
  });

  it("grow a disk: checked against the disk quota, then the size follows", async () => {
    const used = (await cached("app2"))!.diskSize + (await cached("db"))!.diskSize;
    await setQuota({ db: h.t.db }, { actor: h.admin, input: { cluster: "lab", persona: "user:owner", memory: null, vcpus: null, disk: used + 512 } });
    const over = await refusal(growDisk(h.deps, { actor: owner, ref: ref("app2"), input: { disk: 0, amount: 1024 } }));
    expect(isAppError(over, "quota_exceeded")).toBe(true);
    expect(await refusal(growDisk(h.deps, { actor: owner, ref: ref("app2"), input: { disk: 3, amount: 1 } }))).toMatchObject({ message: `Disk: app2.${D} has disks 0 to 0.` });
    const grown = await growDisk(h.deps, { actor: owner, ref: ref("app2"), input: { disk: 0, amount: 512 } });
    await h.settle(grown.jobId);

    expect((await cached("app2"))!.diskSize).toBe(1024 + 512);
  });

  it("failover and replace disks need the cluster's migrate and replace_disks: the owner is refused, a cluster admin is not", async () => {
    expect(isAppError(await refusal(failoverInstance(h.deps, { actor: owner, ref: ref("db") })), "forbidden")).toBe(true);
    expect(isAppError(await refusal(replaceDisks(h.deps, { actor: owner, ref: ref("db") })), "forbidden")).toBe(true);
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: "user:other", cluster: "lab", perm: "migrate" } });
    const failover = await failoverInstance(h.deps, { actor: other, ref: ref("db"), input: { timeout: 0 } });
    await h.settle(failover.jobId);
    expect((await cached("db"))!.pnode).toBe(`node3.${D}`);
    const replaced = await replaceDisks(h.deps, { actor: h.admin, ref: ref("db"), input: { mode: "newSecondary" } });
    await h.settle(replaced.jobId);
    expect(JSON.parse((await cached("db"))!.snodes)).not.toEqual([`node2.${D}`]);
  });
});

describe("nodes", () => {
  it("a user with the cluster's migrate drains a node and evacuates it; the master's role cannot change here; others are refused", async () => {
    const role = await setNodeRole(h.deps, { actor: other, ref: { cluster: "lab", name: `node2.${D}` }, input: { role: "drained" } });
    await h.settle(role.jobId);
    expect(await h.t.db.cachedNode.findFirst({ where: { name: `node2.${D}` } })).toMatchObject({ drained: true });
    const master = await refusal(setNodeRole(h.deps, { actor: h.admin, ref: { cluster: "lab", name: `node1.${D}` }, input: { role: "offline" } }));
    expect(isAppError(master, "conflict")).toBe(true);
    expect(isAppError(await refusal(evacuateNode(h.deps, { actor: owner, ref: { cluster: "lab", name: `node2.${D}` } })), "forbidden")).toBe(true);
    expect(await refusal(setNodeRole(h.deps, { actor: h.admin, ref: { cluster: "lab", name: `node2.${D}` }, input: { role: "boss" } }))).toMatchObject({ code: "wrong_input" });
    // Evacuate the node that holds db's mirror: the evacuation starts a job that moves it, which the manager follows.
    const [mirror] = JSON.parse((await cached("db"))!.snodes) as string[];
    const evacuated = await evacuateNode(h.deps, { actor: other, ref: { cluster: "lab", name: mirror! }, input: { mode: "secondary-only" } });
    await h.settle(evacuated.jobId);
    const parent = await getJob(h.deps, { actor: other, cluster: "lab", id: evacuated.jobId });
    expect(parent.status).toBe("success");
    expect(parent.childJobs).toHaveLength(1);
    const [move] = parent.childJobs;
    expect(await h.t.db.managerJob.findFirst({ where: { jobId: move } })).toMatchObject({ action: "node.evacuate.move", actorId: other.id, endedAt: null });
    await h.settle(move!);
    expect(await h.t.db.managerJob.findFirst({ where: { jobId: move } })).toMatchObject({ status: "success", endedAt: expect.any(Date) });
    expect(JSON.parse((await cached("db"))!.snodes)).not.toContain(mirror);
  });
});

describe("live details", () => {
  it("reads what the cache does not keep from the cluster; the OS list only for those who may reinstall", async () => {
    const live = await instanceLive(h.deps, { actor: owner, ref: ref("db") });
    expect(live.hypervisor).toBe("fake");
    expect(live.nics[0]).toMatchObject({ mode: "bridged" });
    expect(live.operatingSystems).toContain("noop");
    expect(JSON.stringify(live)).not.toContain("osparams_secret");
    const powerOnly = await instanceLive(h.deps, { actor: other, ref: ref("app2") });
    expect(powerOnly.operatingSystems).toBeNull();
    expect(isAppError(await refusal(instanceLive(h.deps, { actor: await h.user("nobody"), ref: ref("db") })), "forbidden")).toBe(true);
  });
});

describe("node views", () => {
  it("list a cluster's nodes with capacity and counts, and one node with its VMs, for cluster-wide viewers", async () => {
    const { nodes } = await listNodes({ db: h.t.db }, { actor: other, input: { cluster: "lab" } });
    expect(nodes.map((n) => n.name)).toEqual([`node1.${D}`, `node2.${D}`, `node3.${D}`, `node4.${D}`]);
    expect(nodes[0]).toMatchObject({ role: "master", masterCandidate: true, memory: { total: expect.any(Number) } });
    const db = await h.t.db.cachedInstance.findFirstOrThrow({ where: { name: `db.${D}` } });
    const node = await getNode({ db: h.t.db }, { actor: other, cluster: "lab", name: db.pnode });
    expect(node.primaries.map((i) => i.name)).toContain(`db.${D}`);
    const up = await h.t.db.cachedInstance.aggregate({ where: { pnode: db.pnode, adminState: "up" }, _sum: { vcpus: true } });
    expect(node.node.vcpusAllocated).toBe(up._sum.vcpus ?? 0);
    expect(nodes.find((n) => n.name === db.pnode)!.vcpusAllocated).toBe(up._sum.vcpus ?? 0);
    const secondary = await getNode({ db: h.t.db }, { actor: other, cluster: "lab", name: JSON.parse(db.snodes)[0] });
    expect(secondary.secondaries.map((i) => i.name)).toContain(`db.${D}`);
    expect(isAppError(await refusal(listNodes({ db: h.t.db }, { actor: owner, input: { cluster: "lab" } })), "forbidden")).toBe(true);
  });
});

describe("jobs", () => {
  it("lists all of a cluster's jobs for those who see the cluster, and only their own for others", async () => {
    await h.sync();
    const all = await listJobs({ db: h.t.db }, { actor: h.admin, input: { cluster: "lab", pageSize: 500 } });
    const mine = await listJobs({ db: h.t.db }, { actor: owner, input: { cluster: "lab", pageSize: 500 } });
    const submitted = await h.t.db.managerJob.findMany({ where: { actorId: "owner" }, select: { jobId: true } });
    expect(mine.items.map((j) => j.id).sort((a, b) => a - b)).toEqual(submitted.map((j) => j.jobId!).sort((a, b) => a - b));
    expect(all.total).toBeGreaterThan(mine.total);
    expect(all.items[0]!.id).toBeGreaterThan(all.items[1]!.id);
  });

  it("shows one job live with its log and a failure in words; refuses a job the user did not submit", async () => {
    const failing = await h.rapi.write({ method: "POST", path: "/2/instances", body: { __version__: 1, instance_name: `x.${D}`, mode: "create", disk_template: "plain", disks: [{ size: 1024 }], nics: [], os_type: "noop", pnode: "nosuchnode" } });
    await h.rapi.cluster.master.waitForJob(failing.body as number).catch(() => undefined);
    const job = await getJob(h.deps, { actor: h.admin, cluster: "lab", id: failing.body as number });
    expect(job).toMatchObject({ status: "error", final: true, ops: [{ op: "OP_INSTANCE_CREATE", status: "error", result: { error: expect.stringMatching(/nosuchnode/) } }] });
    expect(isAppError(await refusal(getJob(h.deps, { actor: owner, cluster: "lab", id: failing.body as number })), "forbidden")).toBe(true);
    const own = (await h.t.db.managerJob.findFirstOrThrow({ where: { actorId: "owner" } })).jobId!;
    const detail = await getJob(h.deps, { actor: owner, cluster: "lab", id: own });
    expect(detail.status).toBe("success");
    expect(detail.log.length).toBeGreaterThan(0);
  });

  it("a job that already ended cannot be canceled, and the cluster says why; someone else's job is refused", async () => {
    const own = (await h.t.db.managerJob.findFirstOrThrow({ where: { actorId: "owner" } })).jobId!;
    const answer = await cancelJob(h.deps, { actor: owner, cluster: "lab", id: own });
    expect(answer.canceled).toBe(false);
    expect(isAppError(await refusal(cancelJob(h.deps, { actor: other, cluster: "lab", id: own })), "forbidden")).toBe(true);
  });

  it("a VM's history lists its jobs and audit entries, for its admins only", async () => {
    const history = await instanceHistory({ db: h.t.db }, { actor: owner, ref: ref("app2") });
    expect(history.jobs.map((j) => j.action)).toEqual(expect.arrayContaining(["instance.reinstall", "instance.grow_disk"]));
    expect(history.audit.map((a) => a.action)).toContain("instance.grow_disk");
    expect(isAppError(await refusal(instanceHistory({ db: h.t.db }, { actor: other, ref: ref("app2") })), "forbidden")).toBe(true);
  });
});

describe("the create wizard's data", () => {
  it("offers the cluster's templates, operating systems, policy, nodes and the user's personas with their quota", async () => {
    const options = await createOptions(h.deps, { actor: owner, cluster: "lab" });
    expect(options.diskTemplates).toEqual(expect.arrayContaining(["plain", "drbd", "diskless"]));
    expect(options.operatingSystems).toContain("noop");
    expect(options.ipolicy?.minmax?.[0]?.min["memory-size"]).toBe(128);
    expect(options.nodes.map((n) => n.name)).toContain(`node3.${D}`);
    expect(options.personas).toEqual([expect.objectContaining({ persona: "user:owner", label: "owner@example.org", used: expect.objectContaining({ disk: expect.any(Number) }) })]);
    expect(isAppError(await refusal(createOptions(h.deps, { actor: await h.user("nobody"), cluster: "lab" })), "forbidden")).toBe(true);
  });

  it("checks a request as it stands: fields, name, quota — without submitting", async () => {
    const jobsBefore = await h.t.db.managerJob.count();
    const bad = await checkCreate({ db: h.t.db }, { actor: owner, input: { cluster: "lab", name: "no spaces", diskTemplate: "plain", memory: 128, vcpus: 1, os: "noop" } });
    expect(bad).toMatchObject({ ok: false, problems: [{ field: "name", message: expect.stringMatching(/^Name: a host name/) }] });
    const taken = await checkCreate({ db: h.t.db }, { actor: owner, input: { cluster: "lab", name: `db.${D}`, diskTemplate: "plain", disks: [1024 * 1024], memory: 128, vcpus: 1, os: "noop" } });
    expect(taken.problems.map((p) => p.field)).toEqual(["name", "quota"]);
    const fine = await checkCreate({ db: h.t.db }, { actor: owner, input: { cluster: "lab", name: `new.${D}`, diskTemplate: "diskless", memory: 128, vcpus: 1, os: "noop" } });
    expect(fine).toMatchObject({ ok: true, problems: [], quota: { persona: "user:owner" } });
    expect(isAppError(await refusal(checkCreate({ db: h.t.db }, { actor: owner, input: { cluster: "lab", name: `x.${D}`, owner: "user:other", diskTemplate: "diskless", memory: 128, vcpus: 1, os: "noop" } })), "forbidden")).toBe(true);
    expect(await h.t.db.managerJob.count()).toBe(jobsBefore);
  });
});

describe("VM templates and pickers", () => {
  it("cluster admins keep their cluster's templates, superusers the global ones; users list what they may create from", async () => {
    const small = { cluster: "lab", name: "small", diskTemplate: "plain", disks: [2048], memory: 512, vcpus: 1, os: "noop" };
    expect(isAppError(await refusal(saveTemplate({ db: h.t.db }, { actor: owner, input: small })), "forbidden")).toBe(true);
    const saved = await saveTemplate({ db: h.t.db }, { actor: h.admin, input: small });
    expect(saved).toMatchObject({ cluster: "lab", name: "small", disks: [2048] });
    await saveTemplate({ db: h.t.db }, { actor: h.admin, input: { ...small, cluster: undefined, name: "everywhere" } });
    expect(await refusal(saveTemplate({ db: h.t.db }, { actor: h.admin, input: small }))).toMatchObject({ code: "conflict" });
    expect(await refusal(saveTemplate({ db: h.t.db }, { actor: h.admin, input: { ...small, name: "x", disks: [] } }))).toMatchObject({ message: "Disks: give at least one disk size." });
    expect((await listTemplates({ db: h.t.db }, { actor: owner })).map((t) => t.name)).toEqual(["everywhere", "small"]);
    expect((await listTemplates({ db: h.t.db }, { actor: await h.user("nobody") })).map((t) => t.name)).toEqual(["everywhere"]);
    await deleteTemplate({ db: h.t.db }, { actor: h.admin, id: saved.id });
    expect(await h.t.db.auditEntry.count({ where: { action: { startsWith: "template." }, result: "success" } })).toBe(3);
  });

  it("the persona list is for superusers and cluster admins", async () => {
    const listed = await listPersonas({ db: h.t.db }, { actor: h.admin });
    expect(listed).toEqual(expect.arrayContaining([{ persona: "user:owner", label: "owner@example.org" }]));
    expect(isAppError(await refusal(listPersonas({ db: h.t.db }, { actor: owner })), "forbidden")).toBe(true);
  });
});
