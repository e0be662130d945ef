import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobStatus } from "../../jobs/job";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, logLines, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const [N2, N3, N4] = ["node2.example.org", "node3.example.org", "node4.example.org"];
const config = () => h.master.config;
const instance = (name: string) => config().instance(config().expandName("instance", name))!;
const nodeOf = (uuid: string) => config().node(uuid)!.name;
const names = async (node: string) => (await h.running(node)).map((i) => i.name);
const drbdEnd = (node: string, name: string) => h.master.virtualNodes.get(node)!.state.drbd[config().instanceDisks(instance(name))[0]!.uuid];
const failover = (name: string, extra: Record<string, unknown> = {}) => ({ OP_ID: "OP_INSTANCE_FAILOVER", instance_name: name, ...extra });

describe("OP_INSTANCE_FAILOVER", () => {
  it("stops a running DRBD instance, swaps primary and secondary and starts it on the new primary", async () => {
    await h.createInstance("web1.example.org", "drbd", `${N2}:${N3}`);
    const { log } = await runOk(h, failover("web1"));
    for (const line of [
      "Failover instance web1.example.org",
      "* checking disk consistency between source and target",
      "* shutting down instance on source node",
      "* deactivating the instance's disks on source node",
      `* activating the instance's disks on target node ${N3}`,
      `* starting the instance on the target node ${N3}`,
    ]) {
      expect(log).toContain(line);
    }
    expect(await names(N3)).toEqual(["web1.example.org"]);
    expect(await names(N2)).toEqual([]);
    const inst = instance("web1");
    expect(nodeOf(inst.primary_node)).toBe(N3);
    expect(config().secondaryNodes(inst).map(nodeOf)).toEqual([N2]);
    expect(inst).toMatchObject({ admin_state: "up", disks_active: true });
    expect(drbdEnd(N3, "web1")).toMatchObject({ role: "primary", assembled: true });
    expect(drbdEnd(N2, "web1")).toMatchObject({ role: "secondary", assembled: true });
  });

  it("fails over a stopped instance without starting it; it then starts on the new primary", async () => {
    await h.createInstance("web2.example.org", "drbd", `${N2}:${N3}`);
    await runOk(h, { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web2" });
    const { log } = await runOk(h, failover("web2"));
    expect(log).toContain("- INFO: Not checking memory on the secondary node as instance will not be started");
    expect(log).not.toContain(`* starting the instance on the target node ${N3}`);
    expect(nodeOf(instance("web2").primary_node)).toBe(N3);
    expect(instance("web2")).toMatchObject({ admin_state: "down", disks_active: false });
    expect([...(await names(N2)), ...(await names(N3))]).toEqual([]);
    await runOk(h, { OP_ID: "OP_INSTANCE_STARTUP", instance_name: "web2" });
    expect(await names(N3)).toEqual(["web2.example.org"]);
  });

  it("needs ignore_consistency when the primary does not answer, then starts the instance on the secondary", async () => {
    await h.createInstance("web3.example.org", "drbd", `${N2}:${N3}`);
    h.master.virtualNodes.get(N2)!.state.powered = false;
    const refused = await h.run(failover("web3"));
    expect(jobStatus(refused)).toBe("error");
    expect(refused.ops[0]!.result).toEqual(["OpExecError", ["Disk 0 is degraded on target node, aborting failover"]]);
    expect(nodeOf(instance("web3").primary_node)).toBe(N2);

    const job = await h.run(failover("web3", { ignore_consistency: true }));
    expect(jobStatus(job)).toBe("success");
    expect(logLines(job).some((l) => l.startsWith(`- WARNING: Could not shutdown instance web3.example.org on node ${N2}, proceeding anyway`))).toBe(true);
    expect(await names(N3)).toEqual(["web3.example.org"]);
    expect(nodeOf(instance("web3").primary_node)).toBe(N3);
  });

  it("skips an offline primary, as Ganeti does", async () => {
    await h.createInstance("web4.example.org", "drbd", `${N2}:${N3}`);
    await runOk(h, { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web4" });
    config().updateNode(config().expandName("node", N2), (n) => (n.offline = true));
    await runOk(h, failover("web4"));
    expect(nodeOf(instance("web4").primary_node)).toBe(N3);
  });

  it("moves a sharedfile instance to the given node and refuses plain", async () => {
    await h.createInstance("sf1.example.org", "sharedfile", N2);
    await runOk(h, failover("sf1", { target_node: N4 }));
    expect(await names(N4)).toEqual(["sf1.example.org"]);
    expect(nodeOf(instance("sf1").primary_node)).toBe(N4);

    await h.createInstance("db1.example.org", "plain", N2);
    const serial = config().serial;
    await expectRefused(h, failover("db1"), "wrong_state", /^Instance's disk layout 'plain' does not allow failovers$/);
    expect(config().serial).toBe(serial);
  });
});
