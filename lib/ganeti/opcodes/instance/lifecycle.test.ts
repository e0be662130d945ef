import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobStatus } from "../../jobs/job";
import { createHarness, type Harness } from "../../testing/cluster-harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const names = (infos: ReadonlyArray<{ name: string }>) => infos.map((i) => i.name).sort();

describe("instance lifecycle on virtual nodes", () => {
  it("creates a drbd instance with disks on both nodes, in sync, running on the primary", async () => {
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    const instance = h.master.config.instance(h.master.config.expandName("instance", "web1"))!;
    expect(instance).toMatchObject({ admin_state: "up", disk_template: "drbd" });
    expect(h.master.config.secondaryNodes(instance).map((n) => h.master.config.node(n)!.name)).toEqual(["node3.example.org"]);
    expect(names(await h.running("node2.example.org"))).toEqual(["web1.example.org"]);
    const node3 = h.master.virtualNodes.get("node3.example.org")!;
    expect(Object.keys(node3.state.volumes)).toHaveLength(2); // data + meta
    expect(Object.values(node3.state.drbd)[0]).toMatchObject({ role: "secondary", assembled: true });
  });

  it("stops, starts and removes an instance, leaving nothing on the node", async () => {
    await h.createInstance("db1.example.org", "plain", "node2.example.org");
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "db1" });
    expect(await h.running("node2.example.org")).toEqual([]);
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "db1" });
    expect(names(await h.running("node2.example.org"))).toEqual(["db1.example.org"]);
    await h.ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: "db1" });
    expect(h.master.config.instances()).toEqual([]);
    expect(h.master.virtualNodes.get("node2.example.org")!.state.volumes).toEqual({});
    expect(await h.running("node2.example.org")).toEqual([]);
  });

  it("refuses bad input with Ganeti's error code and changes nothing", async () => {
    const serial = h.master.config.serial;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ pnode: "node2", snode: undefined, disk_template: "drbd" }, "wrong_input", /need a mirror node/],
      [{ pnode: "node2", beparams: { memory: 64 } }, "wrong_input", /memory-size value 64 is not in range \[128, 32768\]/],
      [{ pnode: "nosuchnode" }, "unknown_entity", /Node 'nosuchnode' not known/],
    ];
    for (const [extra, code, message] of cases) {
      const job = await h.run({ OP_ID: "OP_INSTANCE_CREATE", instance_name: "bad.example.org", disk_template: "plain", disks: [{ size: 1024 }], nics: [{}], os_type: "noop", ...extra });
      expect(jobStatus(job)).toBe("error");
      const [kind, [text, errorCode]] = job.ops[0]!.result as [string, [string, string]];
      expect([kind, errorCode]).toEqual(["OpPrereqError", code]);
      expect(text).toMatch(message);
    }
    expect(h.master.config.serial).toBe(serial);
    expect(h.master.config.instances()).toEqual([]);
  });
});
