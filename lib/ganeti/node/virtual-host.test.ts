import { afterAll, beforeAll, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/cluster-harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(1);
  await h.createInstance("web1.example.org", "plain", "node2.example.org");
});
afterAll(() => h.close());

const rpc = () => h.master.rpc.node(h.master.config.expandName("node", "node2.example.org"));

it("answers the master cannot use to change a virtual node's state, copied or made afresh", async () => {
  const runs = await rpc().allInstancesInfo();
  const original = structuredClone(runs);
  runs[0]!.memory = 1;
  runs[0]!.state = "shutdown";
  runs.push({ name: "ghost.example.org", state: "running", memory: 1, vcpus: 1, time: 0 });
  const one = (await rpc().instanceInfo("web1.example.org"))!;
  one.vcpus = 99;
  const info = await rpc().nodeInfo();
  info.memory_total = 1;
  expect((await rpc().allInstancesInfo()).map(({ time, ...rest }) => rest)).toEqual(original.map(({ time, ...rest }) => rest));
  expect((await rpc().instanceInfo("web1.example.org"))!.vcpus).toBe(original[0]!.vcpus);
  expect((await rpc().nodeInfo()).memory_total).not.toBe(1);
});
