// The core's `-I hail`: Ganeti's hail run in-process on the configuration and the nodes' live data, counting what
// jobs in flight have reserved, with Ganeti's messages when nothing fits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeAllocateRequest } from "../../htools/backends/iallocator-request";
import { ganetiTool, runGanetiTool } from "../../htools/testing/fixtures";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";
import type { AllocationRequest } from "./allocator";
import { loadHailCluster, newHtoolsInstance } from "./hail-cluster";

const D = "example.org";
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3, { memory: 8192, disk: 102400, cpus: 8 });
});
afterEach(() => h.close());

const uuid = (node: string) => h.master.config.expandName("node", node);
const name = (nodeUuid: string) => h.master.config.node(nodeUuid)!.name;
const allocate = (request: Partial<AllocationRequest>) =>
  h.master.allocator.allocate(h.master.config, h.master.rpc, {
    name: `new.${D}`,
    memory: 1024,
    vcpus: 1,
    diskUsage: 1024,
    needsSecondary: false,
    diskTemplate: "plain",
    disks: [{ size: 1024, spindles: null }],
    ...request,
  });
const placed = async (request: Partial<AllocationRequest>) => {
  const p = await allocate(request);
  return [p.primary, ...(p.secondary ? [p.secondary] : [])].map(name);
};

describe("hail as the core's allocator", () => {
  it("places a new DRBD instance on two nodes with room, away from a full node", async () => {
    await h.createInstance(`big1.${D}`, "plain", `node2.${D}`, { beparams: { maxmem: 6144 } });
    const { log } = await runOk(h, {
      OP_ID: "OP_INSTANCE_CREATE",
      instance_name: `web1.${D}`,
      disk_template: "drbd",
      disks: [{ size: 2048 }],
      nics: [{}],
      os_type: "noop",
      beparams: { maxmem: 2048 },
      iallocator: "hail",
    });
    const line = log.find((l) => l.startsWith(`- INFO: Selected nodes for instance web1.${D} via iallocator hail: `))!;
    const nodes = line.split(": ").at(-1)!.split(", ");
    expect(nodes).toHaveLength(2);
    expect(nodes).not.toContain(`node2.${D}`);
    const instance = h.master.config.instance(h.master.config.expandName("instance", "web1"))!;
    expect([name(instance.primary_node), ...h.master.config.secondaryNodes(instance).map(name)]).toEqual(nodes);
  });

  it("counts memory and disk reserved by jobs in flight", async () => {
    const free = await placed({ memory: 4096 });
    expect(free).toHaveLength(1);
    // Another job holds most of node1, node3 and node4's memory, and node2's disk.
    for (const node of ["node1", "node3", "node4"]) h.master.allocator.reserve(9999, uuid(node), node === "node1" ? 14000 : 6000, 0);
    h.master.allocator.reserve(9999, uuid("node2"), 0, 102000);
    await expect(allocate({ memory: 4096 })).rejects.toThrow(
      /^Can't compute nodes using iallocator 'hail': Request failed: Group default \(preferred\): No valid allocation solutions, failure reasons: FailMem: 3, FailDisk: 1$/,
    );
    h.master.allocator.release(9999);
    expect(await placed({ memory: 4096 })).toEqual(free);
  });

  it("keeps to the nodes and group it is given", async () => {
    expect(await placed({ excludeNodes: ["node1", "node2", "node3"].map(uuid) })).toEqual([`node4.${D}`]);
    await runOk(h, { OP_ID: "OP_GROUP_ADD", group_name: "rack2" });
    await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node3", "node4"] });
    const rack2 = h.master.config.expandName("nodegroup", "rack2");
    const pair = await placed({ group: rack2, needsSecondary: true, diskTemplate: "drbd", disks: [{ size: 1024, spindles: null }], diskUsage: 1152 });
    expect(pair.sort()).toEqual([`node3.${D}`, `node4.${D}`]);
  });

  it("refuses an instance that fits nowhere, with hail's failure counts", async () => {
    await expectRefused(
      h,
      { OP_ID: "OP_INSTANCE_CREATE", instance_name: `huge1.${D}`, disk_template: "plain", disks: [{ size: 1024 }], nics: [{}], os_type: "noop", beparams: { maxmem: 30000 }, iallocator: "hail" },
      "insufficient_resources",
      /^Can't compute nodes using iallocator 'hail': Request failed: Group default \(preferred\): No valid allocation solutions, failure reasons: FailMem: 4$/,
    );
  });

  it("chooses new DRBD secondaries for a node evacuation, and says why none fits", async () => {
    await h.createInstance(`web1.${D}`, "drbd", `node2.${D}:node3.${D}`, { disks: [{ size: 61440 }] });
    // The master cannot take instances; node4 is the only candidate left.
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node1", vm_capable: false });
    const { result, log } = await runOk(h, { OP_ID: "OP_NODE_EVACUATE", node_name: "node3", mode: "secondary-only" });
    expect(log).toContain(`- INFO: Instances to be moved: web1.${D} (to node4.${D})`);
    for (const [, id] of (result as { jobs: Array<[boolean, number]> }).jobs) expect(await h.master.waitForJob(id)).toBe("success");
    // Evacuating node2 fails web1 over to node4; its new secondary could only be node5, whose disk is too small.
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3", drained: true });
    await h.addNodes(1, { memory: 8192, disk: 20480 });
    await expectRefused(
      h,
      { OP_ID: "OP_NODE_EVACUATE", node_name: "node2", mode: "all" },
      "insufficient_resources",
      /^Can't compute node evacuation using iallocator 'hail': Can't find any good node: {2}Node node5.example.org failed: FailDisk;$/,
    );
  });

  it.skipIf(!ganetiTool("hail"))("decides as Ganeti's hail given the same cluster", async () => {
    await h.addNodes(2, { memory: 16384, disk: 204800, cpus: 16 });
    await h.createInstance(`web1.${D}`, "drbd", `node2.${D}:node3.${D}`, { beparams: { maxmem: 2048, vcpus: 2 }, disks: [{ size: 8192 }] });
    await h.createInstance(`web2.${D}`, "drbd", `node5.${D}:node2.${D}`, { beparams: { maxmem: 4096 }, disks: [{ size: 20480 }] });
    await h.createInstance(`db1.${D}`, "plain", `node4.${D}`, { beparams: { maxmem: 3072, vcpus: 4 }, disks: [{ size: 40960 }] });
    await h.createInstance(`off1.${D}`, "plain", `node6.${D}`, { beparams: { maxmem: 1024 }, start: false });
    await h.createInstance(`dl1.${D}`, "diskless", `node3.${D}`, { beparams: { maxmem: 512 } });
    h.master.allocator.reserve(9999, uuid("node4"), 2048, 10240);
    const reservations = new Map([[uuid("node4"), { memory: 2048, storage: 10240 }]]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hail-compare-"));
    try {
      const requests: Array<Partial<AllocationRequest> & { diskTemplate: "drbd" | "plain" | "diskless" }> = [
        { diskTemplate: "drbd", needsSecondary: true, memory: 2048, vcpus: 2, disks: [{ size: 10240, spindles: null }], diskUsage: 10368 },
        { diskTemplate: "drbd", needsSecondary: true, memory: 6144, disks: [{ size: 51200, spindles: null }], diskUsage: 51328 },
        { diskTemplate: "plain", memory: 1024, disks: [{ size: 4096, spindles: null }, { size: 2048, spindles: null }], diskUsage: 6144 },
        { diskTemplate: "diskless", memory: 512, disks: [], diskUsage: 0 },
      ];
      for (const [k, request] of requests.entries()) {
        const cluster = await loadHailCluster(h.master.config, h.master.rpc, reservations);
        const spec = { name: `new${k}.${D}`, memory: request.memory!, vcpus: request.vcpus ?? 1, diskTemplate: request.diskTemplate, disks: request.disks!, spindleUse: 1, tags: [], networks: [] };
        const file = path.join(dir, `request${k}.json`);
        fs.writeFileSync(file, serializeAllocateRequest(cluster.data, newHtoolsInstance(cluster.data, spec), request.needsSecondary ? 2 : 1));
        const answer = JSON.parse(runGanetiTool(ganetiTool("hail")!, [file]).stdout) as { success: boolean; info: string; result: string[] };
        expect(answer.success, answer.info).toBe(true);
        expect(await placed({ name: spec.name, ...request })).toEqual(answer.result);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
