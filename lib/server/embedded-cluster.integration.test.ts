// The embedded cluster as server.ts brings it up: a real masterd started in the background, a demo cluster made on the
// first start only, the web manager's RAPI user renewed on every start, its registration in the database (with the
// cluster's VNC password, read again at each start), and the masterd stopped again with the server.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createTestDatabase, makeTempDir } from "@/lib/db/testing";
import { RapiClient } from "@/lib/ganeti/rapi/client";
import { masterRunning } from "@/lib/ganeti/master/single-instance";
import { endpointOf, rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { registerEmbeddedCluster } from "@/lib/manager/clusters/register-embedded-cluster";
import { openVncPassword } from "@/lib/manager/clusters/vnc-password";
import { SecretBox } from "@/lib/manager/secrets/secret-box";
import { startEmbeddedCluster, type EmbeddedCluster } from "@/lib/server/embedded-cluster";
import { freePort } from "@/lib/server/testing";

const dataDir = makeTempDir("gantry-embedded-");
const started: EmbeddedCluster[] = [];
afterAll(async () => {
  for (const cluster of started) await cluster.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("makes the demo cluster once, renews the web manager's RAPI password on each start, and stops its masterd", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, GANTRY_STATE_DIR: undefined, GANTRY_DATA_DIR: dataDir, GANTRY_RAPI_PORT: String(await freePort()), GANTRY_WATCHER_INTERVAL: "0" };
  const stateDir = path.join(dataDir, "cluster");
  const t = await createTestDatabase();
  const box = SecretBox.fromKey(crypto.randomBytes(32).toString("base64"));
  try {
    expect(await startEmbeddedCluster(env, { demo: false })).toMatch(/no cluster in .* and GANTRY_DEMO_CLUSTER=0/);
    expect(await startEmbeddedCluster({ ...env, GANTRY_RAPI_PORT: "0" }, { demo: true })).toMatch(/GANTRY_RAPI_PORT=0/);

    const first = await startEmbeddedCluster(env, { demo: true });
    if (typeof first === "string") throw new Error(first);
    started.push(first);
    expect(first).toMatchObject({ created: true, name: "cluster.demo.gantry.internal", rapiVersion: 2 });
    expect(first.endpoint).toMatchObject({ url: `https://127.0.0.1:${env.GANTRY_RAPI_PORT}`, username: "gantry-web", fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
    expect(fs.readFileSync(path.join(stateDir, "rapi", "users"), "utf8")).not.toContain(first.endpoint.password);

    const view = await registerEmbeddedCluster({ db: t.db, box }, first);
    expect(view).toMatchObject({ slug: "cluster", kind: "embedded", name: "cluster.demo.gantry.internal", hasPassword: true, readOnly: false });
    // Through the registered connection, as the manager reaches it: the demo's nodes and running instances.
    const client = rapiConnector(endpointOf(await t.db.cluster.findUniqueOrThrow({ where: { id: view.id } }), box)) as RapiClient;
    try {
      expect((await client.getNodes()).sort()).toEqual(["node1", "node2", "node3"].map((n) => `${n}.demo.gantry.internal`));
      const instances = await client.getInstances({ bulk: true });
      expect(instances.map((i) => [i.name, i.status]).sort()).toEqual([["db.demo.gantry.internal", "running"], ["web.demo.gantry.internal", "running"]]);
    } finally {
      client.close();
    }

    await first.stop();
    expect(await masterRunning(stateDir)).toBe(false);

    const second = await startEmbeddedCluster(env, { demo: true });
    if (typeof second === "string") throw new Error(second);
    started.push(second);
    expect(second.created).toBe(false);
    expect(second.endpoint.password).not.toBe(first.endpoint.password);
    expect(second.endpoint.fingerprint).toBe(first.endpoint.fingerprint);
    const again = await registerEmbeddedCluster({ db: t.db, box }, second);
    expect(again.id).toBe(view.id);
    const row = await t.db.cluster.findUniqueOrThrow({ where: { id: view.id } });
    expect(endpointOf(row, box).password).toBe(second.endpoint.password);
    // Registered once (audited as the system's); a new password alone is not a change worth a row.
    expect(await t.db.auditEntry.findMany({ select: { action: true, actorId: true } })).toEqual([{ action: "cluster.add", actorId: null }]);
    expect(openVncPassword(box, await t.db.cluster.findUniqueOrThrow({ where: { id: view.id } }))).toBe(second.vncPassword);
    fs.writeFileSync(path.join(stateDir, "vnc-cluster-password"), "n3w-vnc-pw\n", { mode: 0o600 });
    const third = await startEmbeddedCluster(env, { demo: true });
    if (typeof third === "string") throw new Error(third);
    started.push(third);
    expect(third.vncPassword).toBe("n3w-vnc-pw");
    await registerEmbeddedCluster({ db: t.db, box }, third);
    expect(openVncPassword(box, await t.db.cluster.findUniqueOrThrow({ where: { id: view.id } }))).toBe("n3w-vnc-pw");
    await second.stop();
    expect(await masterRunning(stateDir)).toBe(false);
  } finally {
    await t.cleanup();
  }
}, 120_000);
