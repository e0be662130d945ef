// Gantry's RAPI client managing a REAL Ganeti 3.0.2 cluster: the one-node peer with the fake hypervisor that
// bench/peer/ganeti-netns.sh brings up in network namespace "gnt" (RAPI on https://10.99.0.1:5080 with
// --require-authentication; users admin/s3cret with write, reader/r34d with no options). The client pins the peer's
// self-signed certificate by the fingerprint of /var/lib/ganeti/rapi.pem, then lists, creates, stops, starts and
// deletes an instance, checking each step through the client.
//
// Needs root (namespaces, apt, Ganeti's daemons); skipped with the reason otherwise. The peer is torn down afterwards
// only when this test brought it up and GANTRY_KEEP_PEER is not set (other tests and benchmarks use it too).
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GanetiPeer } from "../../../../bench/lib/ganeti-peer";
import { splitPem } from "../server/certificate";
import { RapiClient } from "./client";
import { RapiForbiddenError, RapiJobFailedError, RapiNotFoundError, RapiTlsError, RapiUnauthorizedError } from "./errors";

const RAPI_URL = "https://10.99.0.1:5080";
const NODE = "node1.gnt.test";
const PEM = "/var/lib/ganeti/rapi.pem";
const NAME = `gantry-client-${process.pid}.gnt.test`;

// The peer comes up before the suite is declared, so describe.skipIf can say why it did not.
const peer = await GanetiPeer.prepare().catch((error: unknown) => `preparing the Ganeti peer failed: ${String(error)}`);
const skipReason = typeof peer === "string" ? peer : null;
if (skipReason) console.warn(`real-ganeti.integration.test.ts: skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`Gantry's RAPI client against real Ganeti (${RAPI_URL})`, () => {
  let fingerprint: string;
  let admin: RapiClient;
  let reader: RapiClient;
  const clients: RapiClient[] = [];
  const client = (options: Partial<ConstructorParameters<typeof RapiClient>[0]> = {}) => {
    const c = new RapiClient({ url: RAPI_URL, username: "admin", password: "s3cret", fingerprint, timeoutMs: 30_000, ...options });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    fingerprint = new crypto.X509Certificate(splitPem(fs.readFileSync(PEM, "utf8")).cert).fingerprint256;
    admin = client();
    reader = client({ username: "reader", password: "r34d" });
    // A leftover from an interrupted run would make the create fail.
    if ((await admin.getInstances()).includes(NAME)) await admin.waitForJob(await admin.deleteInstance(NAME, { shutdownTimeout: 0 }));
  });

  afterAll(async () => {
    try {
      if (admin && (await admin.getInstances()).includes(NAME)) await admin.waitForJob(await admin.deleteInstance(NAME, { shutdownTimeout: 0 }));
    } finally {
      for (const c of clients) c.close();
      if (peer instanceof GanetiPeer) console.log(`real-ganeti.integration.test.ts: ${await peer.finish(Boolean(process.env.GANTRY_KEEP_PEER))}`);
    }
  });

  it("trusts the peer's self-signed certificate only when pinned", async () => {
    const strict = await client({ fingerprint: undefined }).getVersion().catch((e: unknown) => e);
    expect(strict).toBeInstanceOf(RapiTlsError);
    expect((strict as RapiTlsError).actualFingerprint).toBe(fingerprint);
    const other = fingerprint.replace(/^../, fingerprint.startsWith("00") ? "01" : "00");
    await expect(client({ fingerprint: other }).getVersion()).rejects.toThrow(`expected ${other}, got ${fingerprint}`);
    expect(await admin.getVersion()).toBe(2);
  });

  it("reads the cluster: info, features, operating systems, nodes, groups, instances", async () => {
    const info = await admin.getInfo();
    expect(info).toMatchObject({ name: "cluster1.gnt.test", master: NODE, software_version: "3.0.2", enabled_hypervisors: ["fake"] });
    expect(await admin.getFeatures()).toContain("instance-create-reqv1");
    expect(await admin.getOperatingSystems()).toContain("noop");
    expect(await admin.getNodes()).toEqual([NODE]);
    const [node] = await admin.getNodes({ bulk: true });
    expect(node).toMatchObject({ name: NODE, role: "M", master_candidate: true, offline: false, drained: false });
    expect(node!.mtotal).toBeGreaterThan(0);
    expect((await admin.getNode(NODE))["group.uuid"]).toBe(node!["group.uuid"]);
    const [group] = await admin.getGroups({ bulk: true });
    expect(group).toMatchObject({ name: "default", uuid: node!["group.uuid"], node_list: [NODE] });
    expect(Array.isArray(await admin.getInstances({ bulk: true }))).toBe(true);
  });

  it("creates a fake-hypervisor instance and waits for the job", async () => {
    const id = await admin.createInstance({
      instance_name: NAME,
      disk_template: "diskless",
      disks: [],
      nics: [{}],
      os_type: "noop",
      pnode: NODE,
      beparams: { memory: 128, vcpus: 1 },
      name_check: false,
      ip_check: false,
    });
    expect(Number.isInteger(id)).toBe(true);
    const log: string[] = [];
    const job = await admin.waitForJob(id, { onLog: (e) => log.push(String(e[3])) });
    expect(job).toMatchObject({ id, status: "success", opresult: [[NODE]] });
    expect(log).toContain("* starting instance...");
    expect(await admin.getInstances()).toContain(NAME);
    const instance = await admin.getInstance(NAME);
    expect(instance).toMatchObject({ name: NAME, status: "running", admin_state: "up", oper_state: true, pnode: NODE, snodes: [] });
    expect(instance.beparams).toMatchObject({ maxmem: 128, minmem: 128, vcpus: 1 });
  });

  it("shuts the instance down and starts it again", async () => {
    await admin.waitForJob(await admin.shutdownInstance(NAME, { shutdownTimeout: 0 }));
    expect(await admin.getInstance(NAME)).toMatchObject({ status: "ADMIN_down", admin_state: "down", oper_state: false });
    await admin.waitForJob(await admin.startupInstance(NAME));
    expect(await admin.getInstance(NAME)).toMatchObject({ status: "running", admin_state: "up", oper_state: true });
  });

  it("tags and queries the instance", async () => {
    await admin.waitForJob(await admin.addTags({ instance: NAME }, ["gantry:test"]));
    expect(await admin.getTags({ instance: NAME })).toEqual(["gantry:test"]);
    const result = await admin.query("instance", ["name", "status", "tags"], ["=", "name", NAME]);
    expect(result.data).toEqual([[[0, NAME], [0, "running"], [0, ["gantry:test"]]]]);
    await admin.waitForJob(await admin.deleteTags({ instance: NAME }, ["gantry:test"]));
    expect(await admin.getTags({ instance: NAME })).toEqual([]);
  });

  it("maps Ganeti's refusals to typed errors: failed job, 401, 403, 404", async () => {
    const tooSmall = await admin.createInstance({
      instance_name: `tiny-${NAME}`,
      disk_template: "diskless",
      disks: [],
      nics: [{}],
      os_type: "noop",
      pnode: NODE,
      beparams: { memory: 64 },
      name_check: false,
      ip_check: false,
    });
    const failed = (await admin.waitForJob(tooSmall).catch((e: unknown) => e)) as RapiJobFailedError;
    expect(failed).toBeInstanceOf(RapiJobFailedError);
    expect(failed).toMatchObject({ status: "error", errorClass: "OpPrereqError", errorCode: "wrong_input" });
    expect(failed.opMessage).toMatch(/violates policy: memory-size value 64 is not in range/);
    await expect(client({ password: "wrong" }).getInfo()).rejects.toBeInstanceOf(RapiUnauthorizedError);
    await expect(reader.addTags({ instance: NAME }, ["x"])).rejects.toBeInstanceOf(RapiForbiddenError);
    await expect(admin.getInstance(`missing-${NAME}`)).rejects.toBeInstanceOf(RapiNotFoundError);
  });

  it("lets a user without write access wait for a job (polling; Ganeti's /wait needs write)", async () => {
    const id = await admin.rebootInstance(NAME, { type: "soft", shutdownTimeout: 0 });
    await expect(reader.waitForJobChange(id, ["status"], null, null)).rejects.toBeInstanceOf(RapiForbiddenError);
    expect((await reader.waitForJob(id)).status).toBe("success");
  });

  it("deletes the instance", async () => {
    await admin.waitForJob(await admin.deleteInstance(NAME, { shutdownTimeout: 0 }));
    await expect(admin.getInstance(NAME)).rejects.toBeInstanceOf(RapiNotFoundError);
    expect(await admin.getInstances()).not.toContain(NAME);
  });
});
