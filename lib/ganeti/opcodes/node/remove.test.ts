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

describe("OP_NODE_REMOVE", () => {
  it("removes an empty node and destroys its virtual machine", async () => {
    expect(h.master.virtualNodes.exists("node4.example.org")).toBe(true);
    await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node4" });
    expect(h.master.config.lookupName("node", "node4")).toBeUndefined();
    expect(h.master.virtualNodes.exists("node4.example.org")).toBe(false);
    // The removal is durable: a restarted master does not know the node either.
    await h.restart();
    expect(h.master.config.nodes().map((n) => n.name).sort()).toEqual(["node1.example.org", "node2.example.org", "node3.example.org"]);
  });

  it("refuses nodes holding primary or secondary instances", async () => {
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    await expectRefused(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node2" }, "wrong_input", /Instance web1.example.org is still running on the node, please remove first/);
    await expectRefused(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node3" }, "wrong_input", /Instance web1.example.org is still running on the node/);
    expect(h.master.virtualNodes.exists("node3.example.org")).toBe(true);
  });

  it("refuses the master and unknown nodes", async () => {
    await expectRefused(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node1.example.org" }, "wrong_input", /Node is the master node, failover to another node is required/);
    await expectRefused(h, { OP_ID: "OP_NODE_REMOVE", node_name: "nosuchnode" }, "unknown_entity", /Node 'nosuchnode' not known/);
  });

  it("promotes another node to keep the candidate pool filled", async () => {
    h.master.config.updateCluster((c) => (c.candidate_pool_size = 3));
    h.master.config.updateNode(node("node4").uuid, (n) => (n.master_candidate = false));
    await h.master.config.commit();
    const { log } = await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node3" });
    expect(log).toContain("- INFO: Promoted nodes to master candidate role: node4.example.org");
    expect(node("node4").master_candidate).toBe(true);
    // The promoted node received a current copy of the configuration.
    expect(h.master.virtualNodes.get("node4.example.org")!.state.config_serial).toBe(h.master.config.committed().serial);
  });
});
