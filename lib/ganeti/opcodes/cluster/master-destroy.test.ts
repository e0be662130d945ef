import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

describe("OP_CLUSTER_MASTER_FAILOVER", () => {
  it("moves the master role to a candidate; the old master can then be removed", async () => {
    const { result, log } = await runOk(h, { OP_ID: "OP_CLUSTER_MASTER_FAILOVER", target_node: "node2" });
    expect(result).toBe("node2.example.org");
    expect(h.master.config.masterNode().name).toBe("node2.example.org");
    expect(log.some((l) => l.includes("master daemon keeps running on this host"))).toBe(true);
    await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node1" });
    await expectRefused(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node2" }, "wrong_input", /Node is the master node/);
  });

  it("refuses nodes that cannot be master", async () => {
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3", drained: true });
    await expectRefused(h, { OP_ID: "OP_CLUSTER_MASTER_FAILOVER", target_node: "node3" }, "wrong_state", /Node node3.example.org is not a master candidate/);
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node2", offline: true });
    await expectRefused(h, { OP_ID: "OP_CLUSTER_MASTER_FAILOVER", target_node: "node2" }, "wrong_state", /Can't use offline node node2.example.org/);
    await expectRefused(h, { OP_ID: "OP_CLUSTER_MASTER_FAILOVER", target_node: "node1" }, "wrong_input", /already the master/);
  });
});

describe("OP_CLUSTER_DESTROY", () => {
  it("refuses while nodes or instances remain, then returns the master's name", async () => {
    await expectRefused(h, { OP_ID: "OP_CLUSTER_DESTROY" }, "wrong_input", /^There are still 2 node\(s\) in this cluster\.$/);
    await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node2" });
    await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node3" });
    await h.createInstance("web1.example.org", "plain", "node1.example.org");
    await expectRefused(h, { OP_ID: "OP_CLUSTER_DESTROY" }, "wrong_input", /^There are still 1 instance\(s\) in this cluster\.$/);
    await h.ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: "web1" });
    const { result } = await runOk(h, { OP_ID: "OP_CLUSTER_DESTROY" });
    expect(result).toBe("node1.example.org");
  });
});
