// The cache sync against Gantry's real RAPI (an embedded cluster in this process, over HTTPS) and a real SQLite
// database: what a first sync writes, that changes made behind the manager's back appear after one sync and only
// they are written, that a cluster that stops answering keeps its rows and shows stale, and that it recovers.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createRapiHarness, USERS, type RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import type { Actor } from "@/lib/manager/actor";
import { addCluster } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { SecretBox } from "@/lib/manager/secrets/secret-box";
import { sqliteCacheWriter } from "./sqlite-cache-writer";
import { syncCluster, type SyncDeps, type SyncMemo } from "./sync-cluster";
import { cacheFreshness, requestSync, startCacheSync } from "./sync-loop";

let rapi: RapiHarness;
let t: TestDatabase;
let deps: SyncDeps;
let clusterId: string;
let memo: SyncMemo | null = null;
const admin: Actor = { id: "u1", email: "admin@example.org", isAdmin: true, ip: "" };
const D = "example.org";

beforeAll(async () => {
  rapi = await createRapiHarness({ tls: true });
  await rapi.cluster.addNodes(2);
  await rapi.cluster.createInstance(`web1.${D}`, "drbd", `node2.${D}:node3.${D}`);
  await rapi.cluster.createInstance(`db1.${D}`, "plain", `node3.${D}`);
  t = await createTestDatabase();
  deps = { db: t.db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector, writer: sqliteCacheWriter(t.file) };
  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  ({ id: clusterId } = await addCluster(deps, { actor: admin, input: { slug: "lab", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint } }));
}, 60_000);
afterAll(async () => {
  deps?.writer.close();
  await t?.cleanup();
  await rapi?.close();
});

const sync = async () => {
  const report = await syncCluster(deps, clusterId, memo);
  if (report.memo) memo = report.memo;
  return report;
};
const instance = (name: string) => t.db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId, name: `${name}.${D}` } } });
const run = (op: Record<string, unknown>) => rapi.cluster.ok(op as never);

describe("the cache sync", () => {
  it("writes every node, group, instance and job on the first sync", async () => {
    const report = await sync();
    expect(report).toMatchObject({ ok: true, full: true, written: { instances: 2, nodes: 3, groups: 1 } });
    expect(report.written.jobs).toBeGreaterThan(0);
    expect(await instance("web1")).toMatchObject({ status: "running", adminState: "up", operState: true, pnode: `node2.${D}`, diskTemplate: "drbd", uuid: expect.any(String) });
    expect(JSON.parse((await instance("web1"))!.snodes)).toEqual([`node3.${D}`]);
    const node = await t.db.cachedNode.findUniqueOrThrow({ where: { clusterId_name: { clusterId, name: `node3.${D}` } } });
    expect(node).toMatchObject({ groupName: "default", pinstCnt: 1, sinstCnt: 1, offline: false });
    expect(node.mtotal).toBeGreaterThan(0);
    expect(await t.db.cachedJob.count({ where: { clusterId, status: "success" } })).toBe(report.written.jobs);
    expect(cacheFreshness((await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })), 30_000)).toBe("fresh");
  });

  it("writes nothing when nothing changed, and only what changed behind the manager's back", async () => {
    const quiet = await sync();
    expect(quiet).toMatchObject({ ok: true, full: false, written: { instances: 0, removed: 0, groups: 0, jobs: 0 } });

    await run({ OP_ID: "OP_TAGS_SET", kind: "instance", name: `db1.${D}`, tags: ["blue"] });
    await run({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: `web1.${D}` });
    await rapi.cluster.createInstance(`web2.${D}`, "plain", `node2.${D}`);
    const changed = await sync();
    expect(changed).toMatchObject({ ok: true, full: false, written: { instances: 3, removed: 0 } });
    expect(JSON.parse((await instance("db1"))!.tags)).toEqual(["blue"]);
    expect(await instance("web1")).toMatchObject({ status: "ADMIN_down", adminState: "down", operState: false });
    expect(await instance("web2")).toMatchObject({ status: "running", pnode: `node2.${D}` });
    expect(changed.written.jobs).toBe(3); // the three jobs, final

    // A change the configuration does not see: the instance stopped on its node.
    const node2 = rapi.cluster.master.config.expandName("node", `node2.${D}`);
    await rapi.cluster.master.rpc.node(node2).instanceShutdown(`web2.${D}`, 0);
    expect((await sync()).written.instances).toBe(1);
    expect(await instance("web2")).toMatchObject({ status: "ERROR_down", operState: false });

    // Changes that live in the disk objects leave the instance's mtime and serial_no alone: a grown disk, a new
    // DRBD secondary. Each still appears after one sync.
    const serial = (await instance("db1"))!.serialNo;
    await run({ OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: `db1.${D}`, disk: 0, amount: 256, wait_for_sync: false });
    expect((await sync()).written.instances).toBe(1);
    expect(await instance("db1")).toMatchObject({ diskSize: 1024 + 256, serialNo: serial });

    await run({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: `web2.${D}` });
    expect((await sync()).written.removed).toBe(1);
    expect(await instance("web2")).toBeNull();
  });

  it("keeps the rows of a cluster that stops answering, shows it stale with the error, and recovers", async () => {
    const { rapiUrl } = await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    await t.db.cluster.update({ where: { id: clusterId }, data: { rapiUrl: "https://127.0.0.1:1" } });
    const failed = await sync();
    expect(failed.ok).toBe(false);
    const down = await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(down.syncError).toMatch(/ECONNREFUSED|connection refused/i);
    expect(cacheFreshness(down, 30_000)).toBe("stale");
    expect(await t.db.cachedInstance.count({ where: { clusterId } })).toBe(2);

    await t.db.cluster.update({ where: { id: clusterId }, data: { rapiUrl } });
    expect((await sync()).ok).toBe(true);
    const up = await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(up).toMatchObject({ syncError: "", syncErrorAt: null });
    expect(cacheFreshness(up, 30_000)).toBe("fresh");
  });

  it("reads a cluster without credentials through the bulk lists, to the same rows", async () => {
    const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
    const anonymous = await addCluster(deps, { actor: admin, input: { slug: "anon", rapiUrl: rapi.rapi.url, fingerprint } });
    expect((await syncCluster(deps, anonymous.id, null)).ok).toBe(true);
    const columns = { name: true, status: true, pnode: true, snodes: true, memory: true, vcpus: true, diskSize: true, tags: true, serialNo: true } as const;
    const rows = (id: string) => t.db.cachedInstance.findMany({ where: { clusterId: id }, select: columns, orderBy: { name: "asc" } });
    expect(await rows(anonymous.id)).toEqual(await rows(clusterId));
  });

  it("syncs within a second of a request, in the loop", async () => {
    const loop = startCacheSync({ ...deps, intervalMs: 3_600_000, tickMs: 100, mail: { delivery: "outbox", appUrl: "http://gantry.test" } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the loop's first round syncs every cluster once
      await run({ OP_ID: "OP_TAGS_SET", kind: "instance", name: `web1.${D}`, tags: ["asked"] });
      await requestSync(t.db, clusterId);
      const deadline = Date.now() + 5_000;
      while (!JSON.parse((await instance("web1"))!.tags).includes("asked")) {
        if (Date.now() > deadline) throw new Error("the requested sync did not happen");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).syncRequestedAt).toBeNull();
    } finally {
      await loop.stop();
    }
  });
});
