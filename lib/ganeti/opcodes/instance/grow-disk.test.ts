import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const disk0 = (name: string) => {
  const config = h.master.config;
  return config.instanceDisks(config.instance(config.expandName("instance", name))!)[0]!;
};
/** Sizes of the instance's volumes on a node, by volume name suffix (data, meta or the plain volume). */
const volumeSizes = (node: string) =>
  Object.fromEntries(Object.entries(h.master.virtualNodes.get(node)!.state.volumes).map(([key, v]) => [key.replace(/^.*\.disk0/, "disk0"), v.size]));

describe("OP_INSTANCE_GROW_DISK", () => {
  it("grows a drbd disk on both nodes and in the configuration, then waits for the sync", async () => {
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org");
    const { log } = await runOk(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db1", disk: 0, amount: 1024 });
    expect(log).toContain("Growing disk 0 of instance 'db1.example.org' by 1.0G to 2.0G");
    expect(log).toContain("- INFO: Waiting for instance db1.example.org to sync disks");
    const disk = disk0("db1");
    expect(disk.size).toBe(2048);
    expect(disk.children.map((c) => c.size)).toEqual([2048, 128]);
    for (const node of ["node2.example.org", "node3.example.org"]) {
      expect(volumeSizes(node)).toEqual({ disk0_data: 2048, disk0_meta: 128 });
      expect(h.master.virtualNodes.get(node)!.state.drbd[disk.uuid]!.size).toBe(2048);
    }
  });

  it("grows to an absolute size, and refuses to shrink", async () => {
    await h.createInstance("db2.example.org", "plain", "node2.example.org");
    await runOk(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db2", disk: 0, amount: 4096, absolute: true });
    expect(disk0("db2").size).toBe(4096);
    expect(volumeSizes("node2.example.org")).toEqual({ disk0: 4096 });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db2", disk: 0, amount: 2048, absolute: true }, "wrong_state", /Requested size \(2.0G\) is smaller than current disk size \(4.0G\)/);
  });

  it("refuses when a node lacks the space, changing nothing", async () => {
    const [small] = await h.addNodes(1, { disk: 8192 });
    await h.createInstance("db3.example.org", "plain", small!);
    const serial = h.master.config.serial;
    const before = volumeSizes(small!);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db3", disk: 0, amount: 16384 }, "insufficient_resources", /Not enough disk space on target node node5.example.org vg xenvg: required 16384 MiB, available 7168 MiB/);
    expect(h.master.config.serial).toBe(serial);
    expect(disk0("db3").size).toBe(1024);
    expect(volumeSizes(small!)).toEqual(before);
  });

  it("refuses a bad disk index and a size the policy does not allow", async () => {
    const [big] = await h.addNodes(1, { disk: 4 * 1024 * 1024 });
    await h.createInstance("db4.example.org", "plain", big!);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db4", disk: 3, amount: 1024 }, "wrong_input", /Invalid disk index: 3 \(instance has disks 0 to 0\)/);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db4", disk: 0, amount: 2 * 1024 * 1024 }, "wrong_input", /Growing disk 0 violates policy: disk-size value 2098176 is not in range \[1024, 1048576\]/);
    await runOk(h, { OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: "db4", disk: 0, amount: 2 * 1024 * 1024, ignore_ipolicy: true });
    expect(disk0("db4").size).toBe(2098176);
  });
});
