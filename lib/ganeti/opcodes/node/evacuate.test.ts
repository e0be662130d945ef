import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpInput } from "../../jobs/job";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const nodeName = (uuid: string) => h.master.config.node(uuid)!.name;
function placement(name: string): { primary: string; secondaries: string[] } {
  const instance = h.master.config.instance(h.master.config.expandName("instance", name))!;
  return { primary: nodeName(instance.primary_node), secondaries: h.master.config.secondaryNodes(instance).map(nodeName) };
}

/** The opcodes of each submitted follow-up job, after waiting for all of them to succeed. */
async function followUps(result: unknown): Promise<OpInput[][]> {
  const jobs = (result as { jobs: Array<[boolean, number]> }).jobs;
  expect(jobs.every(([ok]) => ok)).toBe(true);
  const ops: OpInput[][] = [];
  for (const [, id] of jobs) {
    const status = await h.master.waitForJob(id);
    const job = h.master.queue.get(id)!;
    expect(status, JSON.stringify(job.ops.map((o) => o.result))).toBe("success");
    ops.push(job.ops.map((o) => o.input));
  }
  return ops;
}

describe("OP_NODE_EVACUATE", () => {
  beforeEach(async () => {
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org", { start: false });
    await h.createInstance("app1.example.org", "drbd", "node3.example.org:node2.example.org");
  });

  it("moves primaries to their secondaries: migrate the running, fail over the stopped", async () => {
    const { result, log } = await runOk(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "primary-only" });
    expect(log).toContain("- INFO: Evacuating instances from node 'node2.example.org': db1.example.org, web1.example.org");
    const jobs = await followUps(result);
    expect(jobs.map((ops) => ops.map((o) => [o.OP_ID, o.instance_name]))).toEqual([
      [["OP_INSTANCE_FAILOVER", "db1.example.org"]],
      [["OP_INSTANCE_MIGRATE", "web1.example.org"]],
    ]);
    expect(placement("web1")).toEqual({ primary: "node3.example.org", secondaries: ["node2.example.org"] });
    expect(placement("db1")).toEqual({ primary: "node3.example.org", secondaries: ["node2.example.org"] });
    expect((await h.running("node3.example.org")).map((i) => i.name).sort()).toEqual(["app1.example.org", "web1.example.org"]);
  });

  it("replaces DRBD secondaries with the given remote node", async () => {
    const { result } = await runOk(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "secondary-only", remote_node: "node4" });
    const jobs = await followUps(result);
    expect(jobs).toEqual([
      [expect.objectContaining({ OP_ID: "OP_INSTANCE_REPLACE_DISKS", instance_name: "app1.example.org", mode: "replace_new_secondary", remote_node: "node4.example.org", disks: [] })],
    ]);
    expect(placement("app1")).toEqual({ primary: "node3.example.org", secondaries: ["node4.example.org"] });
  });

  it("empties the node completely in mode all, so that it can be removed", async () => {
    const { result, log } = await runOk(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "all" });
    expect(log.some((l) => l.startsWith("- INFO: Instances to be moved: app1.example.org (to node4.example.org)"))).toBe(true);
    const jobs = await followUps(result);
    expect(jobs.map((ops) => ops.map((o) => o.OP_ID))).toEqual([
      ["OP_INSTANCE_REPLACE_DISKS"],
      ["OP_INSTANCE_FAILOVER", "OP_INSTANCE_REPLACE_DISKS"],
      ["OP_INSTANCE_MIGRATE", "OP_INSTANCE_REPLACE_DISKS"],
    ]);
    for (const name of ["web1", "db1", "app1"]) expect(JSON.stringify(placement(name))).not.toContain("node2");
    await runOk(h, { OP_ID: "OP_NODE_REMOVE", node_name: "node2" });
  });

  it("refuses what cannot move, naming it", async () => {
    await h.createInstance("local1.example.org", "plain", "node2.example.org");
    await expectRefused(
      h,
      { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "primary-only" },
      "wrong_input",
      /Unable to evacuate instances local1.example.org \(Instances of type plain cannot be relocated\)/,
    );
    await expectRefused(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "all", remote_node: "node4" }, "wrong_input", /only secondary instances can be evacuated/);
    await expectRefused(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "secondary-only", remote_node: "node2" }, "wrong_input", /Can not use evacuated node as a new secondary node/);
    await expectRefused(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "secondary-only", remote_node: "node3" }, "wrong_input", /Node node3.example.org is the primary node of instance app1.example.org/);
    await expectRefused(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "secondary-only", iallocator: "nosuch" }, "wrong_input", /Unknown iallocator 'nosuch'/);
  });
});

describe("OP_NODE_MIGRATE", () => {
  it("submits one OP_INSTANCE_MIGRATE job per primary instance", async () => {
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node4.example.org", { start: false });
    const { result } = await runOk(h, { OP_ID: "OP_NODE_MIGRATE", node_name: "node2" });
    const jobs = await followUps(result);
    expect(jobs).toEqual([
      [{ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: "db1.example.org", allow_runtime_changes: true, ignore_ipolicy: false, allow_failover: true }],
      [{ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: "web1.example.org", allow_runtime_changes: true, ignore_ipolicy: false }],
    ].map((ops) => ops.map((op) => expect.objectContaining(op))));
    expect(placement("web1").primary).toBe("node3.example.org");
    expect(placement("db1").primary).toBe("node4.example.org");
    expect(h.master.config.primaryInstancesOf(h.master.config.expandName("node", "node2"))).toEqual([]);
  });

  it("has nothing to do on an empty node", async () => {
    const { result } = await runOk(h, { OP_ID: "OP_NODE_MIGRATE", node_name: "node4" });
    expect(result).toEqual({ jobs: [] });
  });
});
