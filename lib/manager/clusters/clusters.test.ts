// The clusters registry against Gantry's real RAPI server over HTTPS (an embedded cluster in this process, its
// self-signed certificate pinned by fingerprint) and a real SQLite database.
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createRapiHarness, USERS, type RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import type { Actor } from "@/lib/manager/actor";
import { SecretBox } from "@/lib/manager/secrets/secret-box";
import { addCluster, type ClusterDeps } from "./add-cluster";
import { rapiConnector } from "./cluster-connection";
import { listClusters } from "./list-clusters";
import { removeCluster } from "./remove-cluster";
import { testCluster } from "./test-cluster";
import { updateCluster } from "./update-cluster";
import { openVncPassword } from "./vnc-password";

let rapi: RapiHarness;
let fingerprint: string;
let t: TestDatabase;
let deps: ClusterDeps;
const admin: Actor = { id: "u-admin", email: "admin@example.org", isAdmin: true, ip: "192.0.2.1" };
const user: Actor = { id: "u-user", email: "user@example.org", isAdmin: false, ip: "192.0.2.2" };

beforeAll(async () => {
  rapi = await createRapiHarness({ tls: true });
  fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
});
afterAll(() => rapi.close());
beforeEach(async () => {
  await t?.cleanup();
  t = await createTestDatabase();
  deps = { db: t.db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector };
});
afterAll(() => t?.cleanup());

const good = () => ({ slug: "Lab1", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint, description: "the lab" });
const audit = () => t.db.auditEntry.findMany({ orderBy: { at: "asc" } });

describe("adding a cluster", () => {
  it("tests the connection, seals the password and audits the addition", async () => {
    const view = await addCluster(deps, { actor: admin, input: good() });
    expect(view).toMatchObject({ slug: "lab1", name: rapi.cluster.master.config.cluster.cluster_name, kind: "remote", rapiUser: "admin", hasPassword: true, readOnly: false, rapiVersion: 2 });
    expect(JSON.stringify(view)).not.toContain(USERS.admin);
    const row = await t.db.cluster.findUniqueOrThrow({ where: { slug: "lab1" } });
    expect(row.rapiPasswordBox).not.toContain(USERS.admin);
    expect(deps.box.open(row.rapiPasswordBox, `cluster:${row.id}:rapi-password`)).toBe(USERS.admin);
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: "cluster.add", result: "success", actorEmail: admin.email, ip: "192.0.2.1", objectType: "cluster", objectId: row.id, clusterId: row.id });
    expect(entry!.after).not.toContain(USERS.admin);
    expect(await listClusters(deps, { actor: admin })).toEqual([{ ...view, permissions: ["superuser"] }]);
  });

  it("refuses what does not connect, saying why, and saves nothing", async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ password: "wrong" }, /refused the user name or password/],
      [{ fingerprint: "AB:".repeat(31) + "AB" }, /Could not reach the cluster's RAPI: .*fingerprint/i],
      [{ fingerprint: "" }, /Could not reach the cluster's RAPI: .*certificate/i],
      [{ rapiUrl: "https://127.0.0.1:1" }, /Could not reach the cluster's RAPI/],
      [{ rapiUrl: "ftp://x" }, /RAPI URL/],
      [{ fingerprint: "12:34" }, /fingerprint.*64 hex digits/],
      [{ slug: "no spaces" }, /Short name: 1–40 letters/],
      [{ username: "" }, /Password: give the RAPI user name/],
      [{ bogus: 1 }, /Unknown field\(s\): bogus/],
    ];
    for (const [change, message] of cases) {
      await expect(addCluster(deps, { actor: admin, input: { ...good(), ...change } }), JSON.stringify(change)).rejects.toThrow(message);
    }
    expect(await t.db.cluster.count()).toBe(0);
    expect(await t.db.auditEntry.count()).toBe(0);
  });

  it("makes a cluster without a RAPI user read-only, and refuses a taken short name", async () => {
    const view = await addCluster(deps, { actor: admin, input: { ...good(), username: "", password: "" } });
    expect(view).toMatchObject({ readOnly: true, hasPassword: false });
    await expect(addCluster(deps, { actor: admin, input: good() })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses a user who is not a superuser, auditing the attempt", async () => {
    await expect(addCluster(deps, { actor: user, input: good() })).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.db.cluster.count()).toBe(0);
    expect(await audit()).toMatchObject([{ action: "cluster.add", result: "refused", actorEmail: user.email, objectName: "Lab1" }]);
    expect(await listClusters(deps, { actor: user })).toEqual([]);
  });
});

describe("changing, testing and removing a cluster", () => {
  it("keeps the password unless given, tests new connection settings first, and audits before and after", async () => {
    const { id } = await addCluster(deps, { actor: admin, input: good() });
    const described = await updateCluster(deps, { actor: admin, cluster: "lab1", input: { description: "moved", readOnly: true } });
    expect(described).toMatchObject({ description: "moved", readOnly: true, hasPassword: true });
    await expect(updateCluster(deps, { actor: admin, cluster: id, input: { password: "wrong" } })).rejects.toThrow(/refused the user name or password/);
    expect((await testCluster(deps, { actor: admin, cluster: id })).ok).toBe(true); // the old password still works
    const entries = (await audit()).filter((e) => e.action === "cluster.update");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ description: "the lab", readOnly: false });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ description: "moved", readOnly: true });
    await expect(updateCluster(deps, { actor: user, cluster: id, input: { description: "x" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps a VNC password sealed: set when adding, kept unless given, removed when empty, never shown or audited", async () => {
    const { id } = await addCluster(deps, { actor: admin, input: { ...good(), vncPassword: "vnc-s3cret" } });
    const row = () => t.db.cluster.findUniqueOrThrow({ where: { id } });
    expect((await row()).vncPasswordBox).not.toContain("vnc-s3cret");
    expect(openVncPassword(deps.box, await row())).toBe("vnc-s3cret");
    expect(await updateCluster(deps, { actor: admin, cluster: id, input: { description: "x" } })).toMatchObject({ hasVncPassword: true });
    expect(openVncPassword(deps.box, await row())).toBe("vnc-s3cret");
    await updateCluster(deps, { actor: admin, cluster: id, input: { vncPassword: "n3w-vnc" } });
    expect(openVncPassword(deps.box, await row())).toBe("n3w-vnc");
    const view = await updateCluster(deps, { actor: admin, cluster: id, input: { vncPassword: "" } });
    expect(view).toMatchObject({ hasVncPassword: false });
    expect((await row()).vncPasswordBox).toBe("");
    const everything = JSON.stringify([await audit(), await listClusters(deps, { actor: admin })]);
    expect(everything).not.toMatch(/vnc-s3cret|n3w-vnc/);
    expect((await audit()).map((e) => e.message)).toEqual(["", "", "VNC password changed", "VNC password removed"]);
  });

  it("reports a cluster that stopped answering without changing it", async () => {
    const { id } = await addCluster(deps, { actor: admin, input: good() });
    await t.db.cluster.update({ where: { id }, data: { rapiUrl: "https://127.0.0.1:1" } });
    const result = await testCluster(deps, { actor: admin, cluster: id });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Could not reach the cluster's RAPI.*ECONNREFUSED|refused/i) });
  });

  it("removes only for a superuser, and audits the removal with the last settings", async () => {
    const { id } = await addCluster(deps, { actor: admin, input: good() });
    await expect(removeCluster(deps, { actor: user, cluster: id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.db.cluster.count()).toBe(1);
    await removeCluster(deps, { actor: admin, cluster: "LAB1" });
    expect(await t.db.cluster.count()).toBe(0);
    await expect(removeCluster(deps, { actor: admin, cluster: id })).rejects.toMatchObject({ code: "not_found" });
    const removal = (await audit()).find((e) => e.action === "cluster.remove" && e.result === "success")!;
    expect(JSON.parse(removal.before!)).toMatchObject({ slug: "lab1", hasPassword: true });
  });
});
