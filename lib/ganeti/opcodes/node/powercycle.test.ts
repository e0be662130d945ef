import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runQuery } from "../../query/run-query";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

async function status(name: string): Promise<unknown> {
  const env = { config: h.master.config, rpc: h.master.rpc, jobs: () => [], isArchived: () => false };
  const result = await runQuery(env, "instance", ["name", "status"], ["=", "name", name]);
  return result.data[0]![1]![1];
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("OP_NODE_POWERCYCLE", () => {
  it("stops the node's instances; the node answers again after the power-cycle time", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    expect(await status("web1.example.org")).toBe("running");

    const { result, log } = await runOk(h, { OP_ID: "OP_NODE_POWERCYCLE", node_name: "node2" });
    expect(result).toBe("node2.example.org");
    expect(log.some((l) => l.includes("is power-cycling"))).toBe(true);

    const hosts = h.master.virtualNodes;
    await until(() => !hosts.isReachable("node2.example.org"), "the node to power off");
    expect(await status("web1.example.org")).toBe("ERROR_nodedown");
    await expect(h.running("node2.example.org")).rejects.toThrow(/not answering/);

    await until(() => hosts.isReachable("node2.example.org"), "the node to come back");
    expect(await h.running("node2.example.org")).toEqual([]);
    expect(await status("web1.example.org")).toBe("ERROR_down");
    // The instance's disks survived: it starts again.
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "web1" });
    expect(await status("web1.example.org")).toBe("running");
  });

  it("refuses the master without force, and unknown nodes", async () => {
    await expectRefused(h, { OP_ID: "OP_NODE_POWERCYCLE", node_name: "node1" }, "wrong_input", /The node is the master and the force parameter was not set/);
    await expectRefused(h, { OP_ID: "OP_NODE_POWERCYCLE", node_name: "node9" }, "unknown_entity", /Node 'node9' not known/);
  });
});
