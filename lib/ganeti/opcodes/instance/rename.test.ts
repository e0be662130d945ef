import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

const node2 = () => h.master.virtualNodes.get("node2.example.org")!;

describe("OP_INSTANCE_RENAME", () => {
  it("renames a stopped file instance: its disk paths follow, the old name is gone, the new one is found", async () => {
    await h.createInstance("old1.example.org", "file", "node2.example.org", { disks: [{ size: 1024 }, { size: 1024 }] });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "old1", new_name: "new1.example.org" }, "wrong_state", /Instance 'old1.example.org' is marked to be up, cannot rename/);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "old1" });
    const uuid = h.master.config.expandName("instance", "old1");

    const { result } = await runOk(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "old1", new_name: "new1.example.org" });
    expect(result).toBe("new1.example.org");
    const config = h.master.config;
    expect(config.lookupName("instance", "old1.example.org")).toBeUndefined();
    expect(config.expandName("instance", "new1")).toBe(uuid);
    const paths = config.instanceDisks(config.instance(uuid)!).map((d) => String(d.logical_id[1]));
    expect(paths).toHaveLength(2);
    for (const p of paths) expect(p).toMatch(/^\/srv\/ganeti\/file-storage\/new1\.example\.org\//);
    const volumes = Object.keys(node2().state.volumes);
    expect(volumes.sort()).toEqual(paths.map((p) => `file:${p}`).sort());
    expect(Object.values(node2().state.volumes).every((v) => v.instance === "new1.example.org")).toBe(true);
    expect(Object.keys(node2().state.installed_os)).toEqual(["new1.example.org"]);

    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "new1" });
    expect((await h.running("node2.example.org")).map((i) => i.name)).toEqual(["new1.example.org"]);
  });

  it("refuses a name that is taken, invalid, or an instance that runs behind a down admin state", async () => {
    await h.createInstance("a1.example.org", "plain", "node2.example.org", { start: false });
    await h.createInstance("b1.example.org", "plain", "node2.example.org", { start: false });
    const serial = h.master.config.serial;
    await expectRefused(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "a1", new_name: "b1.example.org" }, "already_exists", /Instance 'b1.example.org' is already in the cluster/);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "a1", new_name: "not a name" }, "wrong_input", /Invalid instance name/);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "a1", new_name: "c1.example.org", ip_check: true }, "wrong_input", /IP address check requires a name check/);
    // Started behind the configuration's back (admin state stays down): the node says it runs.
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "a1", no_remember: true });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "a1", new_name: "c1.example.org" }, "wrong_state", /Instance a1.example.org is running, cannot rename/);
    expect(h.master.config.serial).toBe(serial);
  });

  it("renames a drbd instance (no paths to move) and keeps it startable", async () => {
    await h.addNodes(1);
    await h.createInstance("d1.example.org", "drbd", "node2.example.org:node3.example.org", { start: false });
    await runOk(h, { OP_ID: "OP_INSTANCE_RENAME", instance_name: "d1", new_name: "d2.example.org" });
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "d2" });
    expect((await h.running("node2.example.org")).map((i) => i.name)).toEqual(["d2.example.org"]);
  });
});
