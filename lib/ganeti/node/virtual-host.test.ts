import { afterAll, beforeAll, expect, it } from "vitest";
import type { InstanceRunInfo } from "../rpc/node-rpc";
import { createHarness, type Harness } from "../testing/cluster-harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(1);
  await h.createInstance("web1.example.org", "plain", "node2.example.org");
});
afterAll(() => h.close());

const rpc = () => h.master.rpc.node(h.master.config.expandName("node", "node2.example.org"));

it("answers the master cannot use to change a virtual node's state, copied or frozen", async () => {
  const runs = await rpc().allInstancesInfo();
  const original = structuredClone(runs);
  expect(() => ((runs[0] as { memory: number }).memory = 1)).toThrow(TypeError);
  expect(() => (runs as InstanceRunInfo[]).push({ name: "ghost.example.org", state: "running", memory: 1, vcpus: 1, time: 0 })).toThrow(TypeError);
  const one = (await rpc().instanceInfo("web1.example.org"))!;
  expect(() => (one.vcpus = 99)).toThrow(TypeError);
  const info = await rpc().nodeInfo();
  info.memory_total = 1;
  expect((await rpc().allInstancesInfo()).map(({ time, ...rest }) => rest)).toEqual(original.map(({ time, ...rest }) => rest));
  expect((await rpc().instanceInfo("web1.example.org"))!.vcpus).toBe(original[0]!.vcpus);
  expect((await rpc().nodeInfo()).memory_total).not.toBe(1);
});

it("gives the same records while nothing runs differently, and new ones after any change to what runs", async () => {
  const node = h.master.virtualNodes.get("node2.example.org")!;
  const before = await rpc().allInstancesInfo();
  expect(await rpc().allInstancesInfo()).toBe(before);
  const uptime = before[0]!.time;
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(before[0]!.time).toBeGreaterThan(uptime); // computed when read
  await rpc().instanceBalloonMemory("web1.example.org", before[0]!.memory - 1);
  const ballooned = await rpc().allInstancesInfo();
  expect(ballooned[0]!.memory).toBe(before[0]!.memory - 1);
  await rpc().instanceShutdown("web1.example.org", 0);
  expect(await rpc().allInstancesInfo()).toEqual([]);
  // A change made to the state directly, as the node's own code does it: followed by save().
  node.state.instances["ghost.example.org"] = { name: "ghost.example.org", state: "running", hypervisor: "fake", memory: 1, vcpus: 1, started: Date.now(), os: "noop", disks: [] };
  await node.save();
  expect((await rpc().allInstancesInfo()).map((i) => i.name)).toEqual(["ghost.example.org"]);
  delete node.state.instances["ghost.example.org"];
  await node.save();
});
