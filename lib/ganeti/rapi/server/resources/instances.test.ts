import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";
import { readVncClusterPassword } from "../../../hypervisors/vnc-cluster-password";
import { RfbTestClient } from "../../../../rfb/testing/rfb-test-client";
import { I_FIELDS } from "../bulk";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(1);
});
afterAll(() => h.close());

const body = (extra: Record<string, unknown> = {}) => ({
  __version__: 1,
  mode: "create",
  instance_name: "web1.example.org",
  disk_template: "plain",
  disks: [{ size: 1024 }],
  nics: [{}],
  os_type: "noop",
  pnode: "node2.example.org",
  beparams: { memory: 256 },
  ...extra,
});

describe("/2/instances", () => {
  it("refuses creation requests of another format version or with bad fields, before any job exists", async () => {
    const jobsBefore = h.cluster.master.queue.list().length;
    const create = (b: unknown) => h.write({ method: "POST", path: "/2/instances", body: b });
    const { __version__: _v, ...v0 } = body();
    expect((await create(v0)).body.message).toBe("Instance creation request version 0 is no longer supported");
    expect((await create(body({ __version__: 2 }))).body.message).toBe("Unsupported request data version 2");
    expect((await create(body({ name: "x.example.org" }))).body.message).toMatch(/Parameter &#x27;name&#x27; was renamed to &#x27;instance_name&#x27;/);
    expect((await create(body({ colour: "blue" }))).body.message).toMatch(/^Invalid body parameters: .*colour.* is not a parameter of OP_INSTANCE_CREATE/);
    expect((await create(body({ disks: "big" }))).body.message).toMatch(/^Invalid body parameters: .*OP_INSTANCE_CREATE\.disks/);
    expect((await create(body({ disk_template: "zfs" }))).status).toBe(400);
    expect((await create([body()])).body.message).toBe("Body contents: Type is &#x27;list&#x27;, but &#x27;dict&#x27; is expected");
    expect(h.cluster.master.queue.list().length).toBe(jobsBefore);
  });

  it("creates an instance with legacy names (name, os) and ?dry-run, answering bare job ids", async () => {
    const { instance_name: _n, os_type: _o, ...rest } = body();
    const dry = await h.write({ method: "POST", path: "/2/instances?dry-run=1", body: { ...rest, name: "web1.example.org", os: "noop" } });
    expect(typeof dry.body).toBe("number");
    expect(await h.job(dry.body)).toMatchObject({ status: "success", ops: [{ dry_run: true, instance_name: "web1.example.org", os_type: "noop" }] });
    expect(h.cluster.master.config.instances()).toHaveLength(0);
    const real = await h.write({ method: "POST", path: "/2/instances", body: body() });
    expect(await h.job(real.body)).toMatchObject({ status: "success", opresult: [["node2.example.org"]] });
  });

  it("lists stubs keyed by id, bulk objects with Ganeti's fields in Ganeti's order, and one instance", async () => {
    expect((await h.call({ path: "/2/instances" })).body).toEqual([{ id: "web1.example.org", uri: "/2/instances/web1.example.org" }]);
    const [bulk] = (await h.call({ path: "/2/instances?bulk=1" })).body;
    expect(Object.keys(bulk)).toEqual(I_FIELDS);
    expect(bulk).toMatchObject({ status: "running", oper_state: true, disk_template: "plain", "disk.sizes": [1024], disk_usage: 1024 });
    expect(bulk.beparams).toMatchObject({ maxmem: 256, minmem: 256, memory: 256 });
    expect((await h.call({ path: "/2/instances/web1.example.org" })).body).toEqual(bulk);
    expect((await h.call({ path: "/2/instances?bulk=yes" })).body.message).toBe("Invalid value for the &#x27;bulk&#x27; parameter");
  });

  it("answers 404 for an unknown instance, and its console as the hypervisor describes it: VNC, opened by the node", async () => {
    expect((await h.call({ path: "/2/instances/nothere.example.org" })).status).toBe(404);
    const console = await h.call({ path: "/2/instances/web1.example.org/console", auth: { user: "reader", password: "r34d" } });
    const { port } = console.body;
    expect(console.body).toEqual({ instance: "web1.example.org", kind: "vnc", host: "127.0.0.1", port, display: port - 5900 });
    const password = readVncClusterPassword(h.cluster.stateDir);
    expect(console.text).not.toContain(password);
    const viewer = await RfbTestClient.connect({ port, password });
    expect(viewer.desktopName).toBe("web1.example.org (Gantry fake hypervisor, simulated)");
    viewer.close();
    expect((await h.call({ path: "/2/instances/web1.example.org/console" })).status).toBe(401);
  });

  it("submits the detailed information as a job (/info), and deletes", async () => {
    const info = await h.call({ path: "/2/instances/web1.example.org/info?static=1" });
    const job = await h.job(info.body);
    expect(job.ops[0]).toMatchObject({ OP_ID: "OP_INSTANCE_QUERY_DATA", instances: ["web1.example.org"], static: true });
    expect(job.opresult[0]["web1.example.org"]).toMatchObject({ name: "web1.example.org", pnode: "node2.example.org" });
    const removed = await h.write({ method: "DELETE", path: "/2/instances/web1.example.org" });
    expect(await h.job(removed.body)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_INSTANCE_REMOVE", ignore_failures: false }] });
    expect((await h.call({ path: "/2/instances" })).body).toEqual([]);
  });
});
