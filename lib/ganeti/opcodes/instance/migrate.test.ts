import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobStatus } from "../../jobs/job";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, logLines, runOk } from "../../testing/op-assertions";
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
const nodeOf = (uuid: string) => config().node(uuid)!.name;
const names = async (node: string) => (await h.running(node)).map((i) => i.name);
const drbdEnd = (node: string, name: string) => h.master.virtualNodes.get(node)!.state.drbd[config().instanceDisks(instance(name))[0]!.uuid];
const migrate = (name: string, extra: Record<string, unknown> = {}) => ({ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: name, ...extra });

async function inSync(name: string): Promise<boolean> {
  const inst = instance(name);
  const disks = config().instanceDisks(inst);
  const status = await h.master.rpc.node(inst.primary_node).blockdevMirrorStatus(disks.map((d) => diskSpecFor(config(), d, inst.primary_node, inst.primary_node)));
  return status.every((s) => !s.is_degraded);
}

describe("OP_INSTANCE_MIGRATE with DRBD", () => {
  it("moves the running instance to its secondary and swaps the DRBD roles, in sync", async () => {
    await h.createInstance("web1.example.org", "drbd", `${N2}:${N3}`);
    const { log } = await runOk(h, migrate("web1"));

    expect(await names(N3)).toEqual(["web1.example.org"]);
    expect(await names(N2)).toEqual([]);
    const inst = instance("web1");
    expect(nodeOf(inst.primary_node)).toBe(N3);
    expect(config().secondaryNodes(inst).map(nodeOf)).toEqual([N2]);
    expect(new Set(config().instanceDisks(inst)[0]!.nodes.map(nodeOf))).toEqual(new Set([N2, N3]));
    expect(drbdEnd(N3, "web1")).toMatchObject({ role: "primary", assembled: true });
    expect(drbdEnd(N2, "web1")).toMatchObject({ role: "secondary", assembled: true });
    expect(await inSync("web1")).toBe(true);
    for (const line of [
      "Migrating instance web1.example.org",
      "* checking disk consistency between source and target",
      `* switching node ${N3} to secondary mode`,
      "* changing into standalone mode",
      "* changing disks into dual-master mode",
      `* preparing ${N3} to accept the instance`,
      `* migrating instance to ${N3}`,
      `* switching node ${N2} to secondary mode`,
      "* changing disks into single-master mode",
      "* done",
    ]) {
      expect(log).toContain(line);
    }

    // And back again: the minors stay with their nodes, the roles follow the primary.
    await runOk(h, migrate("web1", { mode: "non-live" }));
    expect(await names(N2)).toEqual(["web1.example.org"]);
    expect(nodeOf(instance("web1").primary_node)).toBe(N2);
    expect(drbdEnd(N2, "web1")).toMatchObject({ role: "primary" });
    expect(drbdEnd(N3, "web1")).toMatchObject({ role: "secondary" });
  });

  it("refuses a target node other than the secondary, and an instance that does not run", async () => {
    await h.createInstance("web2.example.org", "drbd", `${N2}:${N3}`);
    await expectRefused(h, migrate("web2", { target_node: N4 }), "wrong_input", /disk template drbd cannot be migrated to arbitrary nodes/);
    await expectRefused(h, migrate("web2", { mode: "live", live: true }), "wrong_input", /Only one of the 'live' and 'mode' parameters/);
    await runOk(h, { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web2" });
    const serial = config().serial;
    await expectRefused(h, migrate("web2"), "wrong_state", /Can't migrate, please use failover: Instance web2.example.org is not running/);
    expect(config().serial).toBe(serial);
  });

  it("fails over a stopped instance when allow_failover is set", async () => {
    await h.createInstance("web3.example.org", "drbd", `${N2}:${N3}`);
    await runOk(h, { OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web3" });
    const { log } = await runOk(h, migrate("web3", { allow_failover: true }));
    expect(log).toContain("- INFO: Instance is marked down or offline, fallback allowed, switching to failover");
    expect(log).toContain("Failover instance web3.example.org");
    expect(nodeOf(instance("web3").primary_node)).toBe(N3);
    expect([...(await names(N2)), ...(await names(N3))]).toEqual([]);
  });

  it("refuses when the target lacks memory, changing nothing", async () => {
    const [small] = await h.addNodes(1, { memory: 2048 });
    await h.createInstance("big1.example.org", "drbd", `${N2}:${small}`, { beparams: { memory: 4096 } });
    const serial = config().serial;
    await expectRefused(h, migrate("big1"), "insufficient_resources", /Not enough memory on node node5.example.org for migrating instance big1.example.org/);
    expect(config().serial).toBe(serial);
    expect(await names(N2)).toEqual(["big1.example.org"]);
  });

  it("rolls back when the hand-over fails, leaving the instance running where it was", async () => {
    await h.createInstance("web4.example.org", "drbd", `${N2}:${N3}`);
    const source = h.master.virtualNodes.get(N2)!;
    source.migrateInstance = async () => {
      throw new Error("connection reset by peer");
    };
    const job = await h.run(migrate("web4"));
    expect(jobStatus(job)).toBe("error");
    const [kind, [message]] = job.ops[0]!.result as [string, [string]];
    expect(kind).toBe("OpExecError");
    expect(message).toMatch(/Could not migrate instance web4.example.org: .*connection reset by peer; the migration was rolled back: web4.example.org still runs on node2/);
    expect(logLines(job)).toContain("Migration failed, aborting");
    expect(await names(N2)).toEqual(["web4.example.org"]);
    expect(h.master.virtualNodes.get(N3)!.state.instances).toEqual({}); // the memory reserved for it is free again
    expect(nodeOf(instance("web4").primary_node)).toBe(N2);
    expect(drbdEnd(N2, "web4")).toMatchObject({ role: "primary" });
    expect(drbdEnd(N3, "web4")).toMatchObject({ role: "secondary" });
    expect(await inSync("web4")).toBe(true);
  });

  it("cleans up after a migration that moved the instance but not the configuration", async () => {
    await h.createInstance("web5.example.org", "drbd", `${N2}:${N3}`);
    // As if masterd died right after the hand-over: the instance runs on node3, the configuration says node2.
    const [from, to] = [h.master.virtualNodes.get(N2)!, h.master.virtualNodes.get(N3)!];
    to.state.instances["web5.example.org"] = from.state.instances["web5.example.org"]!;
    delete from.state.instances["web5.example.org"];
    await Promise.all([from.save(), to.save()]);
    const { log } = await runOk(h, migrate("web5", { cleanup: true }));
    expect(log).toContain(`* instance running on secondary node (${N3}), updating config`);
    expect(nodeOf(instance("web5").primary_node)).toBe(N3);
    expect(drbdEnd(N3, "web5")).toMatchObject({ role: "primary" });
    expect(drbdEnd(N2, "web5")).toMatchObject({ role: "secondary" });
    expect(await inSync("web5")).toBe(true);
  });
});

describe("OP_INSTANCE_MIGRATE with other disk templates", () => {
  it("refuses plain instances with wrong_state and changes nothing", async () => {
    await h.createInstance("db1.example.org", "plain", N2);
    const serial = config().serial;
    await expectRefused(h, migrate("db1"), "wrong_state", /^Instance's disk layout 'plain' does not allow migrations$/);
    expect(config().serial).toBe(serial);
    expect(await names(N2)).toEqual(["db1.example.org"]);
  });

  it("moves a sharedfile instance to the given node, and refuses its own primary", async () => {
    await h.createInstance("sf1.example.org", "sharedfile", N2);
    await expectRefused(h, migrate("sf1", { target_node: N2 }), "wrong_state", /Cannot migrate instance sf1.example.org to its primary \(node2.example.org\)/);
    const { log } = await runOk(h, migrate("sf1", { target_node: N4 }));
    expect(log).not.toContain("* changing into standalone mode");
    expect(await names(N4)).toEqual(["sf1.example.org"]);
    expect(await names(N2)).toEqual([]);
    const inst = instance("sf1");
    expect(nodeOf(inst.primary_node)).toBe(N4);
    expect(config().instanceDisks(inst)[0]!.nodes.map(nodeOf)).toEqual([N4]);
  });

  it("moves a diskless instance to a node the allocator picks", async () => {
    await h.createInstance("dl1.example.org", "diskless", N2);
    const { log } = await runOk(h, migrate("dl1", { iallocator: "hail" }));
    const target = nodeOf(instance("dl1").primary_node);
    expect(target).not.toBe(N2);
    expect(log).toContain(`- INFO: Selected nodes for instance dl1.example.org via iallocator hail: ${target}`);
    expect(await names(target)).toEqual(["dl1.example.org"]);
  });
});
