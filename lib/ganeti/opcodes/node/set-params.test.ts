import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const node = (name: string) => h.master.config.node(h.master.config.expandName("node", name))!;
const modify = (name: string, fields: Record<string, unknown>) => ({ OP_ID: "OP_NODE_SET_PARAMS", node_name: name, ...fields });

/** node1 (master), node2 and node3 are candidates; node4 is a regular node; the pool wants 3. */
async function poolOfThree() {
  h.master.config.updateCluster((c) => (c.candidate_pool_size = 3));
  h.master.config.updateNode(node("node4").uuid, (n) => (n.master_candidate = false));
  await h.master.config.commit();
}

describe("OP_NODE_SET_PARAMS roles", () => {
  it("offlines a candidate, demoting it, with Ganeti's change list", async () => {
    const { result } = await runOk(h, modify("node2", { offline: true }));
    expect(result).toEqual([
      ["offline", "True"],
      ["master_candidate", "auto-demotion due to offline"],
    ]);
    expect(node("node2")).toMatchObject({ offline: true, master_candidate: false, drained: false });
  });

  it("drains a candidate, demoting it", async () => {
    const { result } = await runOk(h, modify("node3", { drained: true }));
    expect(result).toEqual([
      ["drained", "True"],
      ["master_candidate", "auto-demotion due to drain"],
    ]);
    expect(node("node3")).toMatchObject({ drained: true, master_candidate: false });
  });

  it("refuses a demotion that would leave the pool short, unless auto_promote or force", async () => {
    await poolOfThree();
    await expectRefused(h, modify("node2", { master_candidate: false }), "wrong_state", /Not enough master candidates, please pass auto promote option/);
    expect(node("node2").master_candidate).toBe(true);

    const { result, log } = await runOk(h, modify("node2", { master_candidate: false, auto_promote: true }));
    expect(result).toEqual([["master_candidate", "False"]]);
    expect(log).toContain("- INFO: Promoted nodes to master candidate role: node4.example.org");
    expect(node("node4").master_candidate).toBe(true);
    // The new candidate got a copy in the job; later commits reach it with the master's coalesced distribution.
    expect(log).toContain("- INFO: Copying the configuration to node4.example.org");
    await h.master.flushDistribution();
    expect(h.master.virtualNodes.get("node4.example.org")!.state.config_serial).toBe(h.master.config.committed().serial);

    const forced = await runOk(h, modify("node3", { drained: true, force: true }));
    expect(forced.log.some((l) => /candidate pool is short: 2 of 3/.test(l))).toBe(true);
  });

  it("brings an offline node back: version check, auto-promotion and a fresh configuration copy", async () => {
    await poolOfThree();
    await runOk(h, modify("node2", { offline: true, auto_promote: true }));
    expect(node("node4").master_candidate).toBe(true);
    await runOk(h, modify("node4", { master_candidate: false, auto_promote: true }));
    expect(node("node4").master_candidate).toBe(false);

    const { result, log } = await runOk(h, modify("node2", { offline: false }));
    expect(result).toEqual([
      ["offline", "False"],
      ["master_candidate", "auto-promotion"],
    ]);
    expect(log).toContain("- INFO: Auto-promoting node to master candidate");
    expect(node("node2")).toMatchObject({ offline: false, master_candidate: true });
    // The job copies the configuration to the returning candidate; a commit after the job reaches it with the master's
    // coalesced distribution (which a flush waits for).
    expect(log).toContain("- INFO: Copying the configuration to node2.example.org");
    await h.master.flushDistribution();
    expect(h.master.virtualNodes.get("node2.example.org")!.state.config_serial).toBe(h.master.config.committed().serial);
  });

  it("refuses to bring back an offline node that does not answer", async () => {
    await runOk(h, modify("node3", { offline: true }));
    h.master.virtualNodes.get("node3.example.org")!.state.powered = false;
    await expectRefused(h, modify("node3", { offline: false }), "wrong_state", /Node node3.example.org is being de-offlined but fails to report its version/);
    expect(node("node3").offline).toBe(true);
  });

  it("refuses bad requests with Ganeti's messages", async () => {
    await expectRefused(h, modify("node1", { drained: true }), "wrong_input", /The master role can be changed only via master-failover/);
    await expectRefused(h, modify("node2", { drained: true, offline: true }), "wrong_input", /Can't set the node into more than one state at the same time/);
    await expectRefused(h, modify("node2", {}), "wrong_input", /Please pass at least one modification/);
    await expectRefused(h, modify("nosuch", { drained: true }), "unknown_entity", /Node 'nosuch' not known/);
    await expectRefused(h, modify("node2", { powered: false }), "wrong_state", /does not support out-of-band handling/);
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    await expectRefused(h, modify("node2", { vm_capable: false }), "wrong_state", /Node node2.example.org hosts instances, cannot unset the vm_capable flag/);
  });
});

describe("OP_NODE_SET_PARAMS capabilities and parameters", () => {
  it("changes master_capable (demoting) and node parameters", async () => {
    const { result } = await runOk(h, modify("node3", { master_capable: false, ndparams: { spindle_count: "2" } }));
    expect(result).toEqual([
      ["master_capable", "False"],
      ["master_candidate", "auto-demotion due to master_capable=False"],
    ]);
    expect(node("node3")).toMatchObject({ master_capable: false, master_candidate: false, ndparams: { spindle_count: 2 } });
    await expectRefused(h, modify("node3", { master_candidate: true }), "wrong_state", /is not master capable, cannot make it a master candidate/);
    await expectRefused(h, modify("node3", { ndparams: { exclusive_storage: true } }), "wrong_input", /global and cannot be customized at node level/);
    await expectRefused(h, modify("node3", { ndparams: { nosuch: 1 } }), "wrong_input", /Unknown node parameter 'nosuch'/);
    await runOk(h, modify("node3", { ndparams: { spindle_count: "default" } }));
    expect(node("node3").ndparams).toEqual({});
  });

  it("changes the secondary IP only as Ganeti allows", async () => {
    await expectRefused(h, modify("node2", { secondary_ip: "10.0.0.2" }), "wrong_input", /single-homed cluster requires the --force option/);
    await expectRefused(h, modify("node2", { secondary_ip: "10.0.0.300" }), "wrong_input", /needs to be a valid IPv4 address/);
    const { result } = await runOk(h, modify("node1", { secondary_ip: "10.0.0.1", force: true }));
    expect(result).toEqual([["secondary_ip", "10.0.0.1"]]);
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    await expectRefused(h, modify("node2", { secondary_ip: "10.0.0.2" }), "wrong_state", /Instance web1.example.org is marked to be up, cannot change secondary ip/);
  });
});
