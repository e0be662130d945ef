// The RAPI client against Gantry's real RAPI server (plain HTTP here; TLS in tls.test.ts) in front of an embedded
// cluster with virtual nodes: reads, jobs, power operations, tags, query and the HTTP errors as typed errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "../testing/rapi-harness";
import { RapiClient } from "./client";
import {
  RapiBadRequestError,
  RapiConfigError,
  RapiForbiddenError,
  RapiHttpError,
  RapiJobFailedError,
  RapiNotFoundError,
  RapiUnauthorizedError,
} from "./errors";
import type { CreateInstanceRequest } from "./requests";
import type { LogEntry } from "./types";

let h: RapiHarness;
let admin: RapiClient;
let reader: RapiClient;
let anonymous: RapiClient;

beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(2);
  await h.cluster.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org");
  admin = new RapiClient({ url: h.rapi.url, username: "admin", password: USERS.admin });
  reader = new RapiClient({ url: h.rapi.url, username: "reader", password: USERS.reader });
  anonymous = new RapiClient({ url: h.rapi.url });
});
afterAll(async () => {
  for (const c of [admin, reader, anonymous]) c?.close();
  await h?.close();
});

const web: CreateInstanceRequest = {
  instance_name: "web1.example.org",
  disk_template: "diskless",
  disks: [],
  nics: [{}],
  os_type: "noop",
  pnode: "node2.example.org",
  beparams: { memory: 256, vcpus: 1 },
};

describe("reading the cluster", () => {
  it("reads version, features, info and operating systems", async () => {
    expect(await anonymous.getVersion()).toBe(2);
    expect(await anonymous.getFeatures()).toContain("instance-create-reqv1");
    const info = await anonymous.getInfo();
    expect(info).toMatchObject({ name: "cluster.example.org", master: "node1.example.org", enabled_hypervisors: ["fake"] });
    expect(info.beparams.default).toMatchObject({ vcpus: 1 });
    expect(await anonymous.getOperatingSystems()).toContain("noop");
    // The embedded core has no networks: it lists none, as a Ganeti cluster without networks does.
    expect(await anonymous.getNetworks()).toEqual([]);
    expect(await anonymous.getNetworks({ bulk: true })).toEqual([]);
  });

  it("lists nodes and groups by name and in bulk, and reads one", async () => {
    expect(await anonymous.getNodes()).toEqual(["node1.example.org", "node2.example.org", "node3.example.org"]);
    const nodes = await anonymous.getNodes({ bulk: true });
    const master = nodes.find((n) => n.name === "node1.example.org")!;
    expect(master).toMatchObject({ role: "M", master_candidate: true, offline: false, drained: false, mtotal: 16384, ctotal: 8 });
    expect(master.mfree).toBeLessThanOrEqual(master.mtotal!);
    const node2 = await anonymous.getNode("node2.example.org");
    expect(node2.pinst_list).toEqual(["db1.example.org"]);
    expect(node2["group.uuid"]).toBe(master["group.uuid"]);
    expect(await anonymous.getGroups()).toEqual(["default"]);
    const [group] = await anonymous.getGroups({ bulk: true });
    expect(group).toMatchObject({ name: "default", uuid: master["group.uuid"], node_cnt: 3 });
    expect((await anonymous.getGroup("default")).node_list).toHaveLength(3);
  });

  it("lists instances by name and in bulk, reads one, and gets its live details through a job", async () => {
    expect(await anonymous.getInstances()).toEqual(["db1.example.org"]);
    const [db] = await anonymous.getInstances({ bulk: true });
    expect(db).toMatchObject({ name: "db1.example.org", status: "running", admin_state: "up", oper_state: true, pnode: "node2.example.org" });
    expect(db!.snodes).toEqual(["node3.example.org"]);
    expect(db!["disk.sizes"]).toEqual([1024]);
    expect(db!["nic.macs"]).toHaveLength(1);
    expect((await anonymous.getInstance("db1.example.org")).disk_template).toBe("drbd");
    const id = await anonymous.getInstanceInfo("db1.example.org", { static: true });
    expect(typeof id).toBe("number");
    const job = await admin.waitForJob(id);
    expect(job.opresult?.[0]).toHaveProperty(["db1.example.org"]);
  });

  it("tells how to reach a running instance's console, to a user with read access only", async () => {
    const console = await reader.getInstanceConsole("db1.example.org");
    expect(console).toMatchObject({ instance: "db1.example.org", kind: "vnc", host: "127.0.0.1", port: expect.any(Number), display: expect.any(Number) });
    await expect(anonymous.getInstanceConsole("db1.example.org")).rejects.toBeInstanceOf(RapiUnauthorizedError);
    await expect(reader.getInstanceConsole("nope.example.org")).rejects.toBeInstanceOf(RapiNotFoundError);
  });
});

describe("jobs", () => {
  it("creates an instance (request version 1), follows the job's log and waits for it", async () => {
    const log: LogEntry[] = [];
    const id = await admin.createInstance(web, { reason: "client test" });
    expect(Number.isInteger(id)).toBe(true);
    const job = await admin.waitForJob(id, { onLog: (e) => log.push(e) });
    expect(job).toMatchObject({ id, status: "success", opresult: [["node2.example.org"]], ops: [{ OP_ID: "OP_INSTANCE_CREATE", instance_name: web.instance_name }] });
    expect(job.ops[0]!.reason).toContainEqual(["gnt:user", "client test", expect.any(Number)]);
    expect(log.length).toBeGreaterThan(0);
    expect(log.map((e) => e[0])).toEqual([...new Set(log.map((e) => e[0]))].sort((a, b) => a - b)); // each once, in order
    expect(log.map((e) => e[3])).toEqual(job.oplog!.flat().map((e) => e[3]));
    expect(await admin.getInstance(web.instance_name)).toMatchObject({ status: "running", beparams: { maxmem: 256, vcpus: 1 } });
    expect((await admin.getJobs()).includes(id)).toBe(true);
    expect((await admin.getJobs({ bulk: true })).find((j) => j.id === id)?.status).toBe("success");
    expect((await admin.getJobStatus(id)).summary).toEqual([`INSTANCE_CREATE(${web.instance_name})`]);
  });

  it("runs a dry run without changing anything", async () => {
    const job = await admin.waitForJob(await admin.createInstance({ ...web, instance_name: "dry.example.org" }, { dryRun: true }));
    expect(job.ops[0]).toMatchObject({ dry_run: true });
    await expect(admin.getInstance("dry.example.org")).rejects.toBeInstanceOf(RapiNotFoundError);
  });

  it("throws RapiJobFailedError with Ganeti's error class, code and message when the job fails", async () => {
    const id = await admin.createInstance({ ...web, instance_name: "tiny.example.org", beparams: { memory: 64 } });
    const failure = await admin.waitForJob(id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RapiJobFailedError);
    const f = failure as RapiJobFailedError;
    expect(f).toMatchObject({ jobId: id, status: "error", errorClass: "OpPrereqError", errorCode: "wrong_input" });
    expect(f.opMessage).toMatch(/memory-size/);
    expect(f.message).toBe(`Job ${id} (INSTANCE_CREATE(tiny.example.org)) failed: OpPrereqError: ${f.opMessage} (wrong_input)`);
  });
});

describe("instance operations", () => {
  const name = web.instance_name;
  const state = async () => {
    const i = await admin.getInstance(name);
    return [i.status, i.admin_state, i.oper_state];
  };

  it("shuts down, starts and reboots", async () => {
    const down = await admin.waitForJob(await admin.shutdownInstance(name, { shutdownTimeout: 0 }));
    expect(down.ops[0]).toMatchObject({ OP_ID: "OP_INSTANCE_SHUTDOWN", timeout: 0 });
    expect(await state()).toEqual(["ADMIN_down", "down", false]);
    await admin.waitForJob(await admin.startupInstance(name));
    expect(await state()).toEqual(["running", "up", true]);
    const reboot = await admin.waitForJob(await admin.rebootInstance(name, { type: "soft", shutdownTimeout: 0 }));
    expect(reboot.ops[0]).toMatchObject({ reboot_type: "soft", shutdown_timeout: 0 });
    expect(await state()).toEqual(["running", "up", true]);
  });

  it("has no console while the instance is stopped (503)", async () => {
    await admin.waitForJob(await admin.shutdownInstance(name, { shutdownTimeout: 0 }));
    const refused = await admin.getInstanceConsole(name).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RapiHttpError);
    expect(refused).toMatchObject({ status: 503 });
    await admin.waitForJob(await admin.startupInstance(name));
    expect((await admin.getInstanceConsole(name)).instance).toBe(name);
  });

  it("modifies an instance's parameters", async () => {
    await admin.waitForJob(await admin.modifyInstance(name, { beparams: { maxmem: 512, minmem: 512 } }));
    expect((await admin.getInstance(name)).beparams).toMatchObject({ maxmem: 512, minmem: 512 });
    await expect(admin.modifyInstance(name, {})).rejects.toThrow("modifyInstance(web1.example.org) was given nothing to change");
  });

  it("migrates and fails over a DRBD instance between its nodes", async () => {
    const migrate = await admin.waitForJob(await admin.migrateInstance("db1.example.org", { mode: "live" }));
    expect(migrate.ops[0]).toMatchObject({ OP_ID: "OP_INSTANCE_MIGRATE", mode: "live" });
    expect((await admin.getInstance("db1.example.org")).pnode).toBe("node3.example.org");
    await admin.waitForJob(await admin.failoverInstance("db1.example.org", { shutdownTimeout: 0 }));
    expect((await admin.getInstance("db1.example.org")).pnode).toBe("node2.example.org");
  });

  it("deletes an instance", async () => {
    await admin.waitForJob(await admin.deleteInstance(name, { shutdownTimeout: 0 }));
    await expect(admin.getInstance(name)).rejects.toBeInstanceOf(RapiNotFoundError);
    expect(await admin.getInstances()).toEqual(["db1.example.org"]);
  });
});

describe("tags and query", () => {
  it("adds, reads and deletes tags on the cluster, a node, a group and an instance", async () => {
    const targets = ["cluster", { node: "node2.example.org" }, { group: "default" }, { instance: "db1.example.org" }] as const;
    for (const target of targets) {
      await admin.waitForJob(await admin.addTags(target, ["env:test", "owner:gantry"]));
      expect(await anonymous.getTags(target)).toEqual(expect.arrayContaining(["env:test", "owner:gantry"]));
      await admin.waitForJob(await admin.deleteTags(target, ["env:test"]));
      const tags = await anonymous.getTags(target);
      expect(tags).toContain("owner:gantry");
      expect(tags).not.toContain("env:test");
    }
    expect((await anonymous.getInstance("db1.example.org")).tags).toEqual(["owner:gantry"]);
    await expect(admin.addTags("cluster", [])).rejects.toBeInstanceOf(RapiConfigError);
  });

  it("queries with fields and a filter", async () => {
    const all = await reader.query("node", ["name", "mtotal", "role"]);
    expect(all.fields.map((f) => f.name)).toEqual(["name", "mtotal", "role"]);
    expect(all.data).toHaveLength(3);
    expect(all.data[0]).toEqual([[0, "node1.example.org"], [0, 16384], [0, "M"]]);
    const one = await reader.query("instance", ["name", "status", "pnode"], ["=", "name", "db1.example.org"]);
    expect(one.data).toEqual([[[0, "db1.example.org"], [0, "running"], [0, "node2.example.org"]]]);
    const unknown = await reader.query("node", ["name", "no_such_field"]);
    expect(unknown.data[0]![1]).toEqual([1, null]);
  });
});

describe("errors", () => {
  it("maps 404 to RapiNotFoundError with Ganeti's error body, HTML entities decoded", async () => {
    const error = (await anonymous.getInstance("nonexistent.example.org").catch((e: unknown) => e)) as RapiNotFoundError;
    expect(error).toBeInstanceOf(RapiNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 404, serverMessage: "Instance 'nonexistent.example.org' not known", explain: "Nothing matches the given URI" });
    expect(error.message).toContain(`GET ${h.rapi.url}/2/instances/nonexistent.example.org answered 404`);
    expect(error.message).toContain("check the name");
  });

  it("maps 401 (no or wrong credentials) and 403 (read-only user writing) to typed errors that say what to fix", async () => {
    const noCredentials = (await anonymous.addTags("cluster", ["x"]).catch((e: unknown) => e)) as RapiUnauthorizedError;
    expect(noCredentials).toBeInstanceOf(RapiUnauthorizedError);
    expect(noCredentials.message).toContain("configure a username and password");
    const wrong = new RapiClient({ url: h.rapi.url, username: "admin", password: "wrong" });
    const refused = (await wrong.getInfo().catch((e: unknown) => e)) as RapiUnauthorizedError;
    wrong.close();
    expect(refused).toBeInstanceOf(RapiUnauthorizedError);
    expect(refused).toMatchObject({ status: 401, code: 401 });
    expect(refused.message).toContain("the server refused user 'admin'");
    const forbidden = (await reader.addTags("cluster", ["x"]).catch((e: unknown) => e)) as RapiForbiddenError;
    expect(forbidden).toBeInstanceOf(RapiForbiddenError);
    expect(forbidden).toMatchObject({ status: 403, code: 403, serverMessage: "Forbidden" });
    expect(forbidden.message).toContain("user 'reader' lacks the permission");
  });

  it("asks for credentials when the server requires authentication for everything", async () => {
    const strict = await createRapiHarness({ requireAuth: true });
    const client = new RapiClient({ url: strict.rapi.url });
    try {
      await expect(client.getInfo()).rejects.toThrow(/answered 401 .*this server requires authentication/);
    } finally {
      client.close();
      await strict.close();
    }
  });

  it("maps 400 to RapiBadRequestError with Ganeti's HTML-escaped message decoded", async () => {
    const error = (await admin.createInstance({ ...web, instance_name: "bad.example.org", colour: "blue" }).catch((e: unknown) => e)) as RapiBadRequestError;
    expect(error).toBeInstanceOf(RapiBadRequestError);
    expect(error.serverMessage).toBe("Invalid body parameters: Parameter 'OP_INSTANCE_CREATE.colour' is not a parameter of OP_INSTANCE_CREATE");
    expect(error.message).not.toContain("&#x27;");
  });

  it("reports an unknown job as not found, whether waited for or read", async () => {
    await expect(admin.waitForJobChange(999_999, ["status"], null, null)).rejects.toBeInstanceOf(RapiNotFoundError);
    const error = await admin.waitForJob(999_999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapiNotFoundError);
    expect((error as RapiHttpError).request.url).toBe(`${h.rapi.url}/2/jobs/999999`);
  });

  it("refuses empty names before sending anything", async () => {
    await expect(anonymous.getInstance("")).rejects.toThrow("The instance name is required (got \"\")");
    await expect(anonymous.getJobStatus(-1)).rejects.toThrow("A job id is a non-negative integer, not -1");
  });
});
