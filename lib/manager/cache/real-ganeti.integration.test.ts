// The cache sync against a REAL Ganeti 3.0.2 (the peer of bench/peer/ganeti-netns.sh in network namespace "gnt", RAPI
// https://10.99.0.1:5080, admin/s3cret): the cluster is added as a remote cluster (connection test, pinned
// certificate), synced, changed behind the manager's back — an instance created over RAPI, tagged with Ganeti's own
// gnt-instance in the namespace, removed — and each change is in the cache after one sync. With its RAPI daemon
// stopped, the cache keeps its rows and shows stale until the daemon is back.
//
// Needs root (namespaces, Ganeti's daemons); skipped with the reason otherwise. The peer is torn down afterwards only
// when this test brought it up and GANTRY_KEEP_PEER is not set.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GanetiPeer } from "@/bench/lib/ganeti-peer";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { RapiClient } from "@/lib/ganeti/rapi/client";
import { splitPem } from "@/lib/ganeti/rapi/server/certificate";
import type { Actor } from "@/lib/manager/actor";
import { addCluster } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { SecretBox } from "@/lib/manager/secrets/secret-box";
import { sqliteCacheWriter } from "./sqlite-cache-writer";
import { syncCluster, type SyncDeps, type SyncMemo } from "./sync-cluster";
import { cacheFreshness } from "./sync-loop";

const RAPI_URL = "https://10.99.0.1:5080";
const NODE = "node1.gnt.test";
const NAME = `gantry-cache-${process.pid}.gnt.test`;
const admin: Actor = { id: "u1", email: "admin@example.org", isAdmin: true, ip: "" };

const peer = await GanetiPeer.prepare().catch((error: unknown) => `preparing the Ganeti peer failed: ${String(error)}`);
const skipReason = typeof peer === "string" ? peer : null;
if (skipReason) console.warn(`cache real-ganeti.integration.test.ts: skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`the cache sync of a real Ganeti (${RAPI_URL})`, () => {
  let t: TestDatabase;
  let deps: SyncDeps;
  let rapi: RapiClient;
  let clusterId: string;
  let memo: SyncMemo | null = null;
  const sync = async () => {
    const report = await syncCluster(deps, clusterId, memo);
    if (report.memo) memo = report.memo;
    expect(report.error).toBeUndefined();
    return report;
  };
  const cached = () => t.db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId, name: NAME } } });
  const removeLeftover = async () => {
    if ((await rapi.getInstances()).includes(NAME)) await rapi.waitForJob(await rapi.deleteInstance(NAME, { shutdownTimeout: 0 }));
  };

  beforeAll(async () => {
    const fingerprint = new crypto.X509Certificate(splitPem(fs.readFileSync("/var/lib/ganeti/rapi.pem", "utf8")).cert).fingerprint256;
    rapi = new RapiClient({ url: RAPI_URL, username: "admin", password: "s3cret", fingerprint, timeoutMs: 60_000 });
    await removeLeftover();
    t = await createTestDatabase();
    deps = { db: t.db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector, writer: sqliteCacheWriter(t.file) };
    ({ id: clusterId } = await addCluster(deps, { actor: admin, input: { slug: "gnt", rapiUrl: RAPI_URL, username: "admin", password: "s3cret", fingerprint } }));
  });

  afterAll(async () => {
    try {
      await removeLeftover();
    } finally {
      rapi?.close();
      deps?.writer.close();
      await t?.cleanup();
      if (peer instanceof GanetiPeer) console.log(`cache real-ganeti.integration.test.ts: ${await peer.finish(Boolean(process.env.GANTRY_KEEP_PEER))}`);
    }
  });

  it("caches Ganeti's nodes, groups, instances and jobs, and follows changes made with RAPI and gnt-instance", async () => {
    const first = await sync();
    expect(first.full).toBe(true);
    expect(await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).toMatchObject({ name: "cluster1.gnt.test", syncError: "" });
    const node = await t.db.cachedNode.findUniqueOrThrow({ where: { clusterId_name: { clusterId, name: NODE } } });
    expect(node).toMatchObject({ role: "M", groupName: "default", offline: false, masterCandidate: true });
    expect(node.mtotal).toBeGreaterThan(0);
    expect(await t.db.cachedGroup.count({ where: { clusterId } })).toBeGreaterThanOrEqual(1);
    expect(await cached()).toBeNull();

    const created = await rapi.createInstance({
      instance_name: NAME, disk_template: "diskless", disks: [], nics: [{}], os_type: "noop", pnode: NODE,
      beparams: { memory: 128, vcpus: 1 }, name_check: false, ip_check: false,
    });
    await rapi.waitForJob(created);
    const afterCreate = await sync();
    expect(afterCreate).toMatchObject({ full: false, written: { instances: 1 } });
    expect(await cached()).toMatchObject({ status: "running", adminState: "up", operState: true, pnode: NODE, diskTemplate: "diskless", memory: 128, vcpus: 1 });
    expect(await t.db.cachedJob.findUnique({ where: { clusterId_jobId: { clusterId, jobId: created } } })).toMatchObject({ status: "success", summary: expect.stringMatching(/^INSTANCE_CREATE/) });

    execFileSync("ip", ["netns", "exec", "gnt", "gnt-instance", "add-tags", NAME, "cached-by-gantry"]);
    expect((await sync()).written.instances).toBe(1);
    expect(JSON.parse((await cached())!.tags)).toEqual(["cached-by-gantry"]);
    expect((await sync()).written).toMatchObject({ instances: 0, removed: 0 });

    await rapi.waitForJob(await rapi.deleteInstance(NAME, { shutdownTimeout: 0 }));
    expect((await sync()).written.removed).toBe(1);
    expect(await cached()).toBeNull();
  });

  it("keeps the cache of a Ganeti whose RAPI daemon stopped, shows it stale with the error, and recovers when it is back", async () => {
    const daemon = (action: string) => execFileSync("ip", ["netns", "exec", "gnt", "/usr/lib/ganeti/daemon-util", action, "ganeti-rapi"]);
    await sync();
    const nodes = await t.db.cachedNode.count({ where: { clusterId } });
    daemon("stop");
    try {
      const failed = await syncCluster(deps, clusterId, memo);
      expect(failed.ok).toBe(false);
      const down = await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
      expect(down.syncError).toMatch(/connection refused|ECONNREFUSED/i);
      expect(cacheFreshness(down, 30_000)).toBe("stale");
      expect(await t.db.cachedNode.count({ where: { clusterId } })).toBe(nodes);
    } finally {
      daemon("check-and-start");
    }
    const deadline = Date.now() + 60_000;
    while (!(await rapi.getVersion().then(() => true, () => false))) {
      if (Date.now() > deadline) throw new Error("ganeti-rapi did not come back");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await sync();
    const up = await t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(up).toMatchObject({ syncError: "", syncErrorAt: null });
    expect(cacheFreshness(up, 30_000)).toBe("fresh");
  });
});
