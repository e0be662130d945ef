import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillBeparams } from "../../objects/fill";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const instance = (name: string) => h.master.config.instance(h.master.config.expandName("instance", name))!;
const memoryOn = async (node: string, name: string) => (await h.running(node)).find((i) => i.name === name)?.memory;
const modify = (name: string, extra: Record<string, unknown>) => runOk(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: name, ...extra });

describe("OP_INSTANCE_SET_PARAMS: memory", () => {
  it("records new memory with Ganeti's change list; a running instance gets it at its next hard reboot", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    const { result, log } = await modify("web1", { beparams: { memory: "256" } });
    expect(result).toEqual([
      ["be/maxmem", 256],
      ["be/minmem", 256],
    ]);
    expect(fillBeparams(h.master.config.cluster, instance("web1"))).toMatchObject({ maxmem: 256, minmem: 256 });
    expect(log.join("\n")).toMatch(/keeps running with its current memory; the new memory applies at its next start or \(hard\) reboot/);
    expect(await memoryOn("node2.example.org", "web1.example.org")).toBe(128);
    await h.ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: "web1", reboot_type: "soft" });
    expect(await memoryOn("node2.example.org", "web1.example.org")).toBe(128);
    await h.ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: "web1" });
    expect(await memoryOn("node2.example.org", "web1.example.org")).toBe(256);
  });

  it("refuses more memory than the running instance's node has, unless forced", async () => {
    const [small] = await h.addNodes(1, { memory: 4096 });
    await h.createInstance("web2.example.org", "plain", small!);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web2", beparams: { maxmem: "8G" } }, "insufficient_resources", /This change will prevent the instance from starting, due to \d+ MB of memory missing/);
    expect(fillBeparams(h.master.config.cluster, instance("web2")).maxmem).toBe(128);
    await modify("web2", { beparams: { maxmem: "8G" }, force: true });
    expect(fillBeparams(h.master.config.cluster, instance("web2")).maxmem).toBe(8192);
  });

  it("balloons a running instance with runtime_mem within min and max memory, or beyond with force", async () => {
    await h.createInstance("web3.example.org", "plain", "node2.example.org", { beparams: { minmem: 128, maxmem: 512 } });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web3", runtime_mem: 1024 }, "wrong_input", /must have memory between 128 and 512 MB/);
    const { result } = await modify("web3", { runtime_mem: 256 });
    expect(result).toEqual([["runtime_memory", 256]]);
    expect(await memoryOn("node2.example.org", "web3.example.org")).toBe(256);
    await modify("web3", { runtime_mem: 1024, force: true });
    expect(await memoryOn("node2.example.org", "web3.example.org")).toBe(1024);
  });
});

describe("OP_INSTANCE_SET_PARAMS: disks", () => {
  it("adds a disk to a drbd instance on both nodes and waits for it to sync", async () => {
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org");
    const { result, log } = await modify("db1", { disks: [["add", -1, { size: "2G" }]] });
    expect(result).toEqual([["disk/1", "add:size=2048,mode=rw"]]);
    const disks = h.master.config.instanceDisks(instance("db1"));
    expect(disks.map((d) => [d.iv_name, d.size, d.dev_type])).toEqual([
      ["disk/0", 1024, "drbd"],
      ["disk/1", 2048, "drbd"],
    ]);
    for (const node of ["node2.example.org", "node3.example.org"]) {
      const state = h.master.virtualNodes.get(node)!.state;
      expect(Object.keys(state.volumes)).toHaveLength(4);
      expect(state.drbd[disks[1]!.uuid]).toMatchObject({ size: 2048, assembled: true });
    }
    expect(log).toContain("- INFO: Waiting for instance db1.example.org to sync disks");
    expect(log.join("\n")).toMatch(/sees the new disk\/1 after its next restart/);
  });

  it("adds a disk to a plain instance (legacy [op, params] form) and refuses a disk the node cannot hold", async () => {
    await h.createInstance("db2.example.org", "plain", "node2.example.org");
    const { result } = await modify("db2", { disks: [["add", { size: 4096, name: "data" }]] });
    expect(result).toEqual([["disk/1", "add:size=4096,mode=rw"]]);
    const volumes = h.master.virtualNodes.get("node2.example.org")!.state.volumes;
    expect(Object.values(volumes).map((v) => v.size).sort((a, b) => a - b)).toEqual([1024, 4096]);
    expect(h.master.config.instanceDisks(instance("db2"))[1]).toMatchObject({ iv_name: "disk/1", name: "data", size: 4096 });
    const serial = h.master.config.serial;
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "db2", disks: [["add", -1, { size: "2T" }]], ignore_ipolicy: true }, "insufficient_resources", /Not enough disk space on target node node2/);
    expect(h.master.config.serial).toBe(serial);
  });

  it("removes a disk of a stopped instance: config first, then the volumes; the rest is renumbered", async () => {
    await h.createInstance("db3.example.org", "plain", "node2.example.org", { disks: [{ size: 1024 }, { size: 2048 }], start: false });
    const [first, second] = h.master.config.instanceDisks(instance("db3"));
    const { result } = await modify("db3", { disks: [["remove", 0, {}]] });
    expect(result).toEqual([["disk/0", "remove"]]);
    expect(h.master.config.instanceDisks(instance("db3")).map((d) => [d.uuid, d.iv_name, d.size])).toEqual([[second!.uuid, "disk/0", 2048]]);
    expect(h.master.config.disk(first!.uuid)).toBeUndefined();
    const volumes = h.master.virtualNodes.get("node2.example.org")!.state.volumes;
    expect(Object.values(volumes).map((v) => v.size)).toEqual([2048]);
  });

  it("refuses to remove a disk of a running instance, or the last disk", async () => {
    await h.createInstance("db4.example.org", "plain", "node2.example.org", { disks: [{ size: 1024 }, { size: 1024 }] });
    const serial = h.master.config.serial;
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "db4", disks: [["remove", 1, {}]] }, "wrong_state", /Instance 'db4.example.org' is marked to be up, cannot remove disks/);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "db4" });
    const afterShutdown = h.master.config.serial;
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "db4", disks: [["remove", 0, {}], ["remove", 0, {}]] }, "wrong_input", /Cannot remove the last disk/);
    expect(h.master.config.serial).toBe(afterShutdown);
    expect(afterShutdown).toBeGreaterThan(serial);
    expect(h.master.config.instanceDisks(instance("db4"))).toHaveLength(2);
  });

  it("changes a disk's mode and name, and grows it when given a larger size", async () => {
    await h.createInstance("db5.example.org", "plain", "node2.example.org");
    const { result } = await modify("db5", { disks: [["modify", 0, { mode: "ro", name: "root", size: "2G" }]] });
    expect(result).toEqual([
      ["disk.mode/0", "ro"],
      ["disk.name/0", "root"],
      ["disk.size/0", 2048],
    ]);
    expect(h.master.config.instanceDisks(instance("db5"))[0]).toMatchObject({ mode: "ro", name: "root", size: 2048 });
    expect(Object.values(h.master.virtualNodes.get("node2.example.org")!.state.volumes)[0]!.size).toBe(2048);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "db5", disks: [["modify", 0, { size: 1024 }]] }, "wrong_state", /Requested size \(1.0G\) is smaller than current disk size \(2.0G\)/);
  });
});

describe("OP_INSTANCE_SET_PARAMS: NICs, OS and offline", () => {
  it("adds and removes NICs with unique MACs", async () => {
    await h.createInstance("web4.example.org", "plain", "node2.example.org");
    const { result } = await modify("web4", { nics: [["add", -1, { link: "br1", name: "backend" }]] });
    expect(result).toEqual([["nic.1", expect.stringMatching(/^add:mac=aa:00:00(:[0-9a-f]{2}){3},ip=None,mode=bridged,link=br1,network=None$/)]]);
    const [first, second] = instance("web4").nics;
    expect(second).toMatchObject({ name: "backend", nicparams: { link: "br1" } });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web4", nics: [["modify", 1, { mac: first!.mac }]] }, "already_exists", /already in use/);
    const removed = await modify("web4", { nics: [["remove", 0, {}]] });
    expect(removed.result).toEqual([["nic/0", "remove"]]);
    expect(instance("web4").nics.map((n) => n.mac)).toEqual([second!.mac]);
    const changed = await modify("web4", { nics: [["modify", "backend", { mac: "aa:00:00:12:34:56", ip: "192.0.2.10" }]] });
    expect(changed.result).toEqual([
      ["nic.mac/0", "aa:00:00:12:34:56"],
      ["nic.ip/0", "192.0.2.10"],
    ]);
  });

  it("marks a stopped instance offline and back, refusing a running one", async () => {
    await h.createInstance("web5.example.org", "plain", "node2.example.org");
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web5", offline: true }, "wrong_state", /is marked to be up, can't change to offline/);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web5" });
    expect((await modify("web5", { offline: true })).result).toEqual([["admin_state", "offline"]]);
    expect(instance("web5").admin_state).toBe("offline");
    await expectRefused(h, { OP_ID: "OP_INSTANCE_STARTUP", instance_name: "web5" }, "wrong_state", /marked offline/);
    expect((await modify("web5", { offline: false })).result).toEqual([["admin_state", "down"]]);
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "web5" });
  });

  it("changes the OS and hypervisor parameters, validating both", async () => {
    await h.createInstance("web6.example.org", "plain", "node2.example.org");
    const { result } = await modify("web6", { os_name: "image", osparams: { image: "/srv/images/debian.img" }, hvparams: { migration_mode: "non-live" } });
    expect(result).toEqual([
      ["hv/migration_mode", "non-live"],
      ["os", "image"],
      ["os/image", "/srv/images/debian.img"],
    ]);
    expect(instance("web6")).toMatchObject({ os: "image", osparams: { image: "/srv/images/debian.img" }, hvparams: { migration_mode: "non-live" } });
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web6", os_name: "debian" }, "wrong_input", /OS 'debian' not in supported OS list/);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web6", osparams: { colour: "blue" } }, "wrong_input", /not supported by the OS image: colour/);
  });
});

describe("OP_INSTANCE_SET_PARAMS: bad input changes nothing", () => {
  it("refuses unknown parameters, policy violations, unsupported changes and empty requests", async () => {
    await h.createInstance("web7.example.org", "plain", "node2.example.org");
    const serial = h.master.config.serial;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ beparams: { colour: 1 } }, "wrong_input", /Unknown backend parameter 'colour'/],
      [{ beparams: { memory: 64 } }, "wrong_input", /violates policy: memory-size value 64 is not in range \[128, 32768\]/],
      [{ beparams: { minmem: 512 } }, "wrong_input", /Minimum memory \(512\) must not be greater than maximum memory \(128\)/],
      [{ hvparams: { colour: "x" } }, "wrong_input", /Unknown hypervisor parameter 'colour'/],
      [{}, "wrong_input", /No changes submitted/],
      [{ disk_template: "drbd", remote_node: "node3" }, "wrong_input", /Changing the disk template .* is not supported yet/],
      [{ disks: [["add", -1, {}]] }, "wrong_input", /Required disk parameter 'size' missing/],
      [{ disks: [["modify", 5, { mode: "ro" }]] }, "wrong_input", /Got disk index 5, but there are only 1/],
      [{ nics: [["add", -1, { mode: "tunnel" }]] }, "wrong_input", /Invalid NIC mode 'tunnel'/],
      [{ nics: [["modify", 0, { mac: "auto" }]] }, "wrong_input", /'auto' is not a valid MAC address/],
    ];
    for (const [extra, code, message] of cases) {
      await expectRefused(h, { OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web7", ...extra }, code, message);
    }
    await expect(h.run({ OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: "web7", colour: "blue" })).rejects.toThrow(/colour/);
    expect(h.master.config.serial).toBe(serial);
  });
});
