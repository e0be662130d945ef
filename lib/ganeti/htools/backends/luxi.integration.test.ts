// htools' -L backend against a real master (in-process, with virtual nodes) behind a real luxi socket, and the core's
// in-process view of the same cluster (config-data.ts), which hail uses for -I hail.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LuxiServer } from "../../luxi/server";
import { luxiHandlers } from "../../master/luxi-handlers";
import type { NodeInfo } from "../../rpc/node-rpc";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import type { ClusterData } from "../cluster-data";
import { finalizeCluster } from "../loader";
import { unallocatedMem } from "../node";
import { configClusterData } from "./config-data";
import { loadClusterData } from "./load";

const D = "example.org";
let h: Harness;
let server: LuxiServer;
let socket: string;
let socketDir: string;

beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(4, { memory: 32768, disk: 204800, cpus: 8 });
  await h.ok({ OP_ID: "OP_TAGS_SET", kind: "cluster", name: null, tags: ["htools:iextags:service"] });
  await h.createInstance(`web1.${D}`, "drbd", `node2.${D}:node3.${D}`, { beparams: { maxmem: 2048, vcpus: 2 }, tags: ["service:web"] });
  await h.createInstance(`db1.${D}`, "plain", `node4.${D}`, { beparams: { maxmem: 1024 }, disks: [{ size: 2048 }, { size: 1024 }] });
  await h.createInstance(`stopped1.${D}`, "plain", `node3.${D}`, { beparams: { maxmem: 512 }, start: false });
  await h.createInstance(`light1.${D}`, "diskless", `node2.${D}`);
  await h.ok({ OP_ID: "OP_NODE_SET_PARAMS", node_name: `node5.${D}`, drained: true });
  socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "htools-luxi-"));
  socket = path.join(socketDir, "master.sock");
  server = new LuxiServer(luxiHandlers(h.master, () => undefined));
  await server.listen(socket);
});

afterAll(async () => {
  await server?.close();
  await h?.close();
  if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
});

const nodeOf = (data: ClusterData, name: string) => data.nodes.find((n) => n.name === name)!;
const instanceOf = (data: ClusterData, name: string) => data.instances.find((i) => i.name === name)!;

describe("htools' luxi backend (-L) on the embedded cluster", () => {
  it("loads groups, nodes with their live resources, and the master", async () => {
    const { data, warnings } = await loadClusterData({ luxiSocket: socket });
    expect(data.groups.map((g) => [g.name, g.allocPolicy])).toEqual([["default", "preferred"]]);
    expect(data.nodes.map((n) => n.name)).toEqual([1, 2, 3, 4, 5].map((k) => `node${k}.${D}`));
    expect(data.nodes.filter((n) => n.isMaster).map((n) => n.name)).toEqual([`node1.${D}`]);
    const node1 = nodeOf(data, `node1.${D}`);
    expect([node1.tMem, node1.nMem, node1.tDsk, node1.tCpu]).toEqual([16384, 1024, 512000, 8]);
    const node4 = nodeOf(data, `node4.${D}`);
    expect([node4.tMem, node4.tDsk, node4.tCpu, node4.offline]).toEqual([32768, 204800, 8, false]);
    // db1's two disks are taken from node4's storage.
    expect(node4.fDsk).toBe(204800 - 2048 - 1024);
    // A drained node cannot take instances: offline to htools.
    expect(nodeOf(data, `node5.${D}`).offline).toBe(true);
    expect(node1.alias).toBe("node1");
    expect(warnings).toEqual([]);
  });

  it("loads instances with memory, disks, template, nodes, status and tags", async () => {
    const { data } = await loadClusterData({ luxiSocket: socket });
    const web = instanceOf(data, `web1.${D}`);
    expect([web.mem, web.vcpus, web.dsk, web.diskTemplate, web.runSt]).toEqual([2048, 2, 1024 + 128, "drbd", "running"]);
    expect([data.nodes[web.pNode]!.name, data.nodes[web.sNode]!.name]).toEqual([`node2.${D}`, `node3.${D}`]);
    expect(web.allTags).toEqual(["service:web"]);
    expect(web.exclTags).toEqual(["service:web"]);
    const db = instanceOf(data, `db1.${D}`);
    expect([db.dsk, db.disks.map((d) => d.size), db.sNode, db.movable]).toEqual([3072, [2048, 1024], -1, false]);
    const stopped = instanceOf(data, `stopped1.${D}`);
    expect([stopped.runSt, stopped.mem]).toEqual(["ADMIN_down", 512]);
    expect(instanceOf(data, `light1.${D}`).diskTemplate).toBe("diskless");
    expect(data.clusterTags).toEqual(["htools:iextags:service"]);
    // node3 keeps web1's memory free for a failover.
    expect(nodeOf(data, `node3.${D}`).rMem).toBe(2048);
    expect(nodeOf(data, `node2.${D}`).pList.length).toBe(2);
  });

  it("says when no master daemon listens on the socket", async () => {
    await expect(loadClusterData({ luxiSocket: path.join(socketDir, "none.sock") })).rejects.toThrow(
      `failed to load data, aborting: Cannot connect to the master daemon at ${path.join(socketDir, "none.sock")}: does not exist (No such file or directory)`,
    );
  });

  it("sees the same cluster as the core's in-process view, less the reservations of jobs in flight", async () => {
    const { data: viaLuxi } = await loadClusterData({ luxiSocket: socket });
    const { config, rpc } = h.master;
    const nodeInfo = new Map<string, NodeInfo>();
    for (const [uuid, result] of await rpc.each(config.nodes().map((n) => n.uuid), (r) => r.nodeInfo())) if (result.ok) nodeInfo.set(uuid, result.value);
    const disks = new Map(config.instances().flatMap((i) => config.instanceDisks(i)).map((d) => [d.uuid, d]));
    const view = { cluster: config.cluster, masterNode: config.cluster.master_node, groups: config.groups(), nodes: config.nodes(), instances: config.instances(), disks, nodeInfo };
    const { data: inProcess } = finalizeCluster(configClusterData(view));
    const nodeFacts = (d: ClusterData) => d.nodes.map((n) => [n.name, n.tMem, n.nMem, n.fMem, n.tDsk, n.fDsk, n.tCpu, n.offline, n.isMaster, n.rMem, n.pList.length, n.sList.length]);
    expect(nodeFacts(inProcess)).toEqual(nodeFacts(viaLuxi));
    const instanceFacts = (d: ClusterData) => d.instances.map((i) => [i.name, i.mem, i.dsk, i.vcpus, i.runSt, i.pNode, i.sNode, i.diskTemplate, i.allTags]);
    expect(instanceFacts(inProcess)).toEqual(instanceFacts(viaLuxi));
    expect(inProcess.ipolicy).toEqual(viaLuxi.ipolicy);

    const node4 = config.lookupName("node", `node4.${D}`)!;
    const reserved = finalizeCluster(configClusterData({ ...view, reservations: new Map([[node4, { memory: 4096, storage: 10240 }]]) })).data;
    const before = nodeOf(inProcess, `node4.${D}`);
    const after = nodeOf(reserved, `node4.${D}`);
    expect(after.fDsk).toBe(before.fDsk - 10240);
    expect(after.fMem).toBe(before.fMem - 4096);
    expect(after.xMem).toBe(before.xMem);
    expect(unallocatedMem(after)).toBe(unallocatedMem(before) - 4096);
  });
});
