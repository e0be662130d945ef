// Syncs in a row with nothing changed take the answers kept on both sides (masterd's query text, the memo's last
// stamps): a change behind the manager's back still shows in the very next sync, and only it is written.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createRapiHarness, USERS, type RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import { addCluster } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { SecretBox } from "@/lib/manager/secrets/secret-box";
import { sqliteCacheWriter } from "./sqlite-cache-writer";
import { syncCluster, type SyncDeps, type SyncMemo } from "./sync-cluster";

const D = "example.org";
let rapi: RapiHarness;
let t: TestDatabase;
let deps: SyncDeps;
let clusterId: string;
let memo: SyncMemo | null = null;

beforeAll(async () => {
  rapi = await createRapiHarness({ tls: true });
  await rapi.cluster.addNodes(1);
  for (const name of ["web1", "web2", "web3"]) await rapi.cluster.createInstance(`${name}.${D}`, "plain", `node2.${D}`);
  t = await createTestDatabase();
  deps = { db: t.db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector, writer: sqliteCacheWriter(t.file) };
  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  const admin = { id: "u1", email: "admin@example.org", isAdmin: true, ip: "" };
  ({ id: clusterId } = await addCluster(deps, { actor: admin, input: { slug: "lab", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint } }));
}, 60_000);
afterAll(async () => {
  deps?.writer.close();
  await t?.cleanup();
  await rapi?.close();
});

const sync = async () => {
  const report = await syncCluster(deps, clusterId, memo);
  if (!report.ok) throw new Error(report.error);
  memo = report.memo!;
  return report.written;
};
const instance = (name: string) => t.db.cachedInstance.findUniqueOrThrow({ where: { clusterId_name: { clusterId, name: `${name}.${D}` } } });
const stopOnItsNode = (name: string) => rapi.cluster.master.rpc.node(rapi.cluster.master.config.expandName("node", `node2.${D}`)).instanceShutdown(`${name}.${D}`, 0);

it("shows a VM that stopped behind the manager's back in the next sync after quiet ones, and writes only it", async () => {
  expect((await sync()).instances).toBe(3); // full
  for (let i = 0; i < 3; i++) expect(await sync()).toMatchObject({ instances: 0, removed: 0 });

  await stopOnItsNode("web2");
  expect(await sync()).toMatchObject({ instances: 1, removed: 0 });
  expect(await instance("web2")).toMatchObject({ status: "ERROR_down", operState: false });
  expect(await sync()).toMatchObject({ instances: 0, removed: 0 });

  await stopOnItsNode("web3");
  expect(await sync()).toMatchObject({ instances: 1 });
  expect(await instance("web3")).toMatchObject({ status: "ERROR_down", operState: false });
  expect(await instance("web1")).toMatchObject({ status: "running", operState: true });

  await rapi.cluster.ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: `web1.${D}` } as never);
  expect(await sync()).toMatchObject({ instances: 0, removed: 1 });
  expect(await sync()).toMatchObject({ instances: 0, removed: 0 });
});
