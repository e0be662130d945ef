import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(2);
  await h.cluster.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org");
});
afterAll(() => h.close());

const instance = () => h.cluster.master.config.instance(h.cluster.master.config.expandName("instance", "db1"))!;
const run = async (method: string, path: string, body?: unknown) => {
  const answer = await h.write({ method, path: `/2/instances/db1.example.org/${path}`, ...(body === undefined ? {} : { body }) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return h.job(answer.body);
};

describe("operations on an instance", () => {
  it("shuts down (body: timeout), starts (body ignored) and reboots (?type=)", async () => {
    expect(await run("PUT", "shutdown", { timeout: 0 })).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_INSTANCE_SHUTDOWN", timeout: 0 }] });
    expect(instance().admin_state).toBe("down");
    expect(await run("PUT", "startup?force=1", { ignored: true })).toMatchObject({ status: "success", ops: [{ force: true }] });
    expect(await run("POST", "reboot?type=soft")).toMatchObject({ status: "success", ops: [{ reboot_type: "soft" }] });
    expect(await run("POST", "reboot")).toMatchObject({ ops: [{ reboot_type: "hard" }] });
    expect((await h.write({ method: "POST", path: "/2/instances/db1.example.org/reboot?type=sideways" })).status).toBe(400);
  });

  it("modifies with custom_beparams as an alias of beparams", async () => {
    expect(await run("PUT", "modify", { custom_beparams: { maxmem: 512, minmem: 512 } })).toMatchObject({ status: "success", opresult: [[["be/maxmem", 512], ["be/minmem", 512]]] });
    expect(instance().beparams).toMatchObject({ maxmem: 512 });
  });

  it("migrates and fails over between the DRBD nodes", async () => {
    expect(await run("PUT", "migrate", { mode: "live" })).toMatchObject({ status: "success" });
    expect(h.cluster.master.config.node(instance().primary_node)!.name).toBe("node3.example.org");
    expect(await run("PUT", "failover", { shutdown_timeout: 0 })).toMatchObject({ status: "success" });
    expect(h.cluster.master.config.node(instance().primary_node)!.name).toBe("node2.example.org");
  });

  it("renames a stopped instance; a missing new_name is a 400", async () => {
    expect((await h.write({ method: "PUT", path: "/2/instances/db1.example.org/rename", body: {} })).status).toBe(400);
    await run("PUT", "shutdown", { timeout: 0 });
    expect(await run("PUT", "rename", { new_name: "db2.example.org" })).toMatchObject({ status: "success", opresult: ["db2.example.org"] });
    const back = await h.write({ method: "PUT", path: "/2/instances/db2.example.org/rename", body: { new_name: "db1.example.org" } });
    expect((await h.job(back.body)).status).toBe("success");
  });

  it("reinstalls as a job of shutdown, reinstall and startup; query and body together are refused", async () => {
    const job = await run("POST", "reinstall", { os: "noop", start: false });
    expect(job.ops.map((op: { OP_ID: string }) => op.OP_ID)).toEqual(["OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REINSTALL"]);
    expect(job.status).toBe("success");
    expect((await h.write({ method: "POST", path: "/2/instances/db1.example.org/reinstall?os=noop", body: { os: "noop" } })).body.message).toBe(
      "Can&#x27;t combine query and body parameters",
    );
    expect((await run("POST", "reinstall?os=noop")).ops).toHaveLength(3);
  });

  it("grows a disk and activates disks; export is not there yet (501)", async () => {
    expect(await run("POST", "disk/0/grow", { amount: 512 })).toMatchObject({ status: "success", ops: [{ disk: 0, amount: 512 }] });
    expect(await run("PUT", "activate-disks")).toMatchObject({ status: "success" });
    expect((await h.write({ method: "PUT", path: "/2/instances/db1.example.org/export", body: {} })).status).toBe(501);
  });
});
