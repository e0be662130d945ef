import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";
import { diskSpecFor } from "../common";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const [N2, N3, N4] = ["node2.example.org", "node3.example.org", "node4.example.org"];
const config = () => h.master.config;
const instance = (name: string) => config().instance(config().expandName("instance", name))!;
const disk0 = (name: string) => config().instanceDisks(instance(name))[0]!;
const nodeOf = (uuid: string) => config().node(uuid)!.name;
const vnode = (name: string) => h.master.virtualNodes.get(name)!;
const volumes = (node: string) => Object.keys(vnode(node).state.volumes).sort();
/** The volume keys the configuration names for a disk's data and metadata. */
const configuredVolumes = (name: string) => disk0(name).children.map((c) => `lv:${c.logical_id[0]}/${c.logical_id[1]}`).sort();
const replace = (name: string, mode: string, extra: Record<string, unknown> = {}) => ({ OP_ID: "OP_INSTANCE_REPLACE_DISKS", instance_name: name, mode, ...extra });

async function inSync(name: string): Promise<boolean> {
  const inst = instance(name);
  const [status] = await h.master.rpc.node(inst.primary_node).blockdevMirrorStatus([diskSpecFor(config(), disk0(name), inst.primary_node, inst.primary_node)]);
  return !status!.is_degraded;
}

describe("OP_INSTANCE_REPLACE_DISKS", () => {
  it("moves the mirror to a new secondary, removing the old secondary's volumes", async () => {
    await h.createInstance("web1.example.org", "drbd", `${N2}:${N3}`);
    const before = configuredVolumes("web1");
    const { log } = await runOk(h, replace("web1", "replace_new_secondary", { remote_node: N4 }));
    for (const line of [
      "STEP 1/6 Check device existence",
      "STEP 2/6 Check peer consistency",
      "STEP 3/6 Allocate new storage",
      "STEP 4/6 Changing drbd configuration",
      "STEP 5/6 Sync devices",
      "STEP 6/6 Removing old storage",
      "- INFO: Attaching primary drbds to new secondary (standalone => connected)",
    ]) {
      expect(log).toContain(line);
    }
    const inst = instance("web1");
    expect(nodeOf(inst.primary_node)).toBe(N2);
    expect(config().secondaryNodes(inst).map(nodeOf)).toEqual([N4]);
    const disk = disk0("web1");
    expect(disk.nodes.map(nodeOf)).toEqual([N2, N4]);
    expect((disk.logical_id as string[]).slice(0, 2).map(nodeOf)).toEqual([N2, N4]);
    expect(volumes(N3)).toEqual([]);
    expect(vnode(N3).state.drbd).toEqual({});
    expect(volumes(N4)).toEqual(before);
    expect(vnode(N4).state.drbd[disk.uuid]).toMatchObject({ role: "secondary", assembled: true, minor: disk.logical_id[4] });
    expect(vnode(N2).state.drbd[disk.uuid]).toMatchObject({ role: "primary", peer: N4 });
    expect(await inSync("web1")).toBe(true);
    expect((await h.running(N2)).map((i) => i.name)).toEqual(["web1.example.org"]);
  });

  it("repairs a secondary whose volumes were lost (replace_auto)", async () => {
    await h.createInstance("web2.example.org", "drbd", `${N2}:${N3}`);
    expect((await runOk(h, replace("web2", "replace_auto"))).log).toContain("No disks need replacement for instance 'web2.example.org'");

    const names = configuredVolumes("web2");
    for (const key of names) delete vnode(N3).state.volumes[key]; // the secondary's disk died
    const { log } = await runOk(h, replace("web2", "replace_auto"));
    expect(log).toContain("Replacing disk(s) 0 for instance 'web2.example.org'");
    expect(log).toContain(`- INFO: Adding new mirror component on ${N3}`);
    // New volumes under the names the configuration (shared by both ends) keeps, as Ganeti's rename dance leaves them.
    expect(configuredVolumes("web2")).toEqual(names);
    expect(volumes(N3)).toEqual(names);
    expect(volumes(N2)).toEqual(names);
    expect(await inSync("web2")).toBe(true);
    expect((await runOk(h, replace("web2", "replace_auto"))).log).toContain("No disks need replacement for instance 'web2.example.org'");
  });

  it("replaces the primary's volumes of a stopped instance and takes the disks down again", async () => {
    await h.createInstance("web3.example.org", "drbd", `${N2}:${N3}`);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web3" }, { OP_ID: "OP_INSTANCE_DEACTIVATE_DISKS", instance_name: "web3" });
    const names = configuredVolumes("web3");
    const [before2, before3] = [names.map((k) => vnode(N2).state.volumes[k]), names.map((k) => vnode(N3).state.volumes[k])];
    const { log } = await runOk(h, replace("web3", "replace_on_primary", { disks: [0] }));
    expect(log).toContain("- INFO: Renaming the old LVs on the target node");
    expect(log).toContain("STEP 6/6 Removing old storage");
    expect(volumes(N2)).toEqual(names); // no "_replaced" leftovers, no temporary names
    names.forEach((key, i) => expect(vnode(N2).state.volumes[key]).not.toBe(before2[i])); // fresh volumes
    names.forEach((key, i) => expect(vnode(N3).state.volumes[key]).toBe(before3[i])); // the secondary untouched
    expect(instance("web3").disks_active).toBe(false);
    expect(vnode(N2).state.drbd[disk0("web3").uuid]!.assembled).toBe(false);
    await runOk(h, { OP_ID: "OP_INSTANCE_STARTUP", instance_name: "web3" });
    expect((await h.running(N2)).map((i) => i.name)).toEqual(["web3.example.org"]);
  });

  it("removes the old storage before the resync with early_release", async () => {
    await h.createInstance("web6.example.org", "drbd", `${N2}:${N3}`);
    const { log } = await runOk(h, replace("web6", "replace_new_secondary", { remote_node: N4, early_release: true }));
    expect(log.indexOf("STEP 5/6 Removing old storage")).toBeLessThan(log.indexOf("STEP 6/6 Sync devices"));
    expect(volumes(N3)).toEqual([]);
    expect(await inSync("web6")).toBe(true);
  });

  it("picks a new secondary with the allocator", async () => {
    await h.createInstance("web4.example.org", "drbd", `${N2}:${N3}`);
    const { log } = await runOk(h, replace("web4", "replace_new_secondary", { iallocator: "hail" }));
    const [secondary] = config().secondaryNodes(instance("web4")).map(nodeOf);
    expect([N2, N3]).not.toContain(secondary);
    expect(log).toContain(`- INFO: Selected new secondary for instance 'web4.example.org': ${secondary}`);
    expect(await inSync("web4")).toBe(true);
  });

  it("refuses what cannot be done, changing nothing", async () => {
    await h.createInstance("web5.example.org", "drbd", `${N2}:${N3}`);
    await h.createInstance("db1.example.org", "plain", N2);
    const serial = config().serial;
    await expectRefused(h, replace("db1", "replace_on_secondary"), "wrong_input", /^Can only run replace disks for DRBD8-based instances$/);
    await expectRefused(h, replace("web5", "replace_new_secondary", { remote_node: N2 }), "wrong_input", /The specified node is the primary node of the instance/);
    await expectRefused(h, replace("web5", "replace_new_secondary", { remote_node: N3 }), "wrong_input", /already the secondary node of the instance/);
    await expectRefused(h, replace("web5", "replace_new_secondary"), "wrong_input", /either an iallocator script must be used or the new node given/);
    await expectRefused(h, replace("web5", "replace_on_primary", { remote_node: N4 }), "wrong_input", /can only be used when changing the secondary node/);
    await expectRefused(h, replace("web5", "replace_auto", { disks: [0] }), "wrong_input", /Cannot specify disks to be replaced/);
    await expectRefused(h, replace("web5", "replace_on_secondary", { disks: [3] }), "wrong_input", /Invalid disk index: 3 \(instance has disks 0..0\)/);
    expect(config().serial).toBe(serial);
  });
});
