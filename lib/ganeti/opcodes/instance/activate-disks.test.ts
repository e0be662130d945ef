import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

const [N2, N3] = ["node2.example.org", "node3.example.org"];
const config = () => h.master.config;
const instance = (name: string) => config().instance(config().expandName("instance", name))!;
const drbdEnd = (node: string, name: string) => h.master.virtualNodes.get(node)!.state.drbd[config().instanceDisks(instance(name))[0]!.uuid]!;
const activate = (name: string, extra: Record<string, unknown> = {}) => ({ OP_ID: "OP_INSTANCE_ACTIVATE_DISKS", instance_name: name, ...extra });
const deactivate = (name: string, extra: Record<string, unknown> = {}) => ({ OP_ID: "OP_INSTANCE_DEACTIVATE_DISKS", instance_name: name, ...extra });

describe("OP_INSTANCE_ACTIVATE_DISKS and OP_INSTANCE_DEACTIVATE_DISKS", () => {
  it("returns the primary's device paths, as Ganeti's [node, iv_name, path]", async () => {
    await h.createInstance("web1.example.org", "drbd", `${N2}:${N3}`);
    const minor = drbdEnd(N2, "web1").minor;
    const { result } = await runOk(h, activate("web1", { wait_for_sync: true }));
    expect(result).toEqual([[N2, "disk/0", `/dev/drbd${minor}`]]);

    await h.createInstance("db1.example.org", "plain", N2);
    const [vg, lv] = config().instanceDisks(instance("db1"))[0]!.logical_id as [string, string];
    expect((await runOk(h, activate("db1"))).result).toEqual([[N2, "disk/0", `/dev/${vg}/${lv}`]]);
  });

  it("refuses to deactivate a running instance's disks unless forced", async () => {
    await h.createInstance("web2.example.org", "drbd", `${N2}:${N3}`);
    const serial = config().serial;
    await expectRefused(h, deactivate("web2"), "wrong_state", /Instance 'web2.example.org' is marked to be up, cannot shutdown disks/);
    expect(config().serial).toBe(serial);
    expect(drbdEnd(N2, "web2").assembled).toBe(true);
    // Marked down but still running (e.g. stopped behind Ganeti's back the other way round): also refused.
    config().updateInstance(instance("web2").uuid, (i) => (i.admin_state = "down"));
    await expectRefused(h, deactivate("web2"), "wrong_state", /Instance web2.example.org is running, cannot shutdown disks/);
    await runOk(h, deactivate("web2", { force: true }));
    expect(instance("web2").disks_active).toBe(false);
  });

  it("takes a stopped instance's disks down on all nodes and brings them back in sync", async () => {
    await h.createInstance("web3.example.org", "drbd", `${N2}:${N3}`);
    await runOk(h, { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web3" });
    await runOk(h, deactivate("web3"));
    expect(instance("web3").disks_active).toBe(false);
    expect([drbdEnd(N2, "web3").assembled, drbdEnd(N3, "web3").assembled]).toEqual([false, false]);

    const { result } = await runOk(h, activate("web3", { wait_for_sync: true }));
    expect((result as string[][])[0]![0]).toBe(N2);
    expect(instance("web3").disks_active).toBe(true);
    expect(drbdEnd(N2, "web3")).toMatchObject({ assembled: true, role: "primary" });
    expect(drbdEnd(N3, "web3")).toMatchObject({ assembled: true, role: "secondary" });
  });

  it("refuses to activate when the primary is offline", async () => {
    await h.createInstance("web4.example.org", "drbd", `${N2}:${N3}`);
    config().updateNode(config().expandName("node", N2), (n) => (n.offline = true));
    await expectRefused(h, activate("web4"), "wrong_state", /Can't use offline node node2.example.org/);
  });
});
