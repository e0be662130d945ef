// htools' -m backend against Gantry's own RAPI server (HTTPS with its self-signed certificate, authentication
// required), in front of a real embedded cluster: the cluster read over RAPI is the one read over luxi.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LuxiServer } from "../../luxi/server";
import { luxiHandlers } from "../../master/luxi-handlers";
import { createRapiHarness, type RapiHarness, USERS } from "../../rapi/testing/rapi-harness";
import type { ClusterData } from "../cluster-data";
import { loadClusterData } from "./load";

const D = "example.org";
let h: RapiHarness;
let luxi: LuxiServer;
let socketDir: string;

beforeAll(async () => {
  h = await createRapiHarness({ tls: true, requireAuth: true });
  await h.cluster.addNodes(3, { memory: 32768, disk: 204800, cpus: 8 });
  await h.cluster.ok({ OP_ID: "OP_TAGS_SET", kind: "cluster", name: null, tags: ["htools:iextags:service"] });
  await h.cluster.createInstance(`web1.${D}`, "drbd", `node2.${D}:node3.${D}`, { beparams: { maxmem: 2048, vcpus: 2 }, tags: ["service:web"] });
  await h.cluster.createInstance(`db1.${D}`, "plain", `node4.${D}`, { beparams: { maxmem: 1024 } });
  await h.cluster.createInstance(`stopped1.${D}`, "plain", `node3.${D}`, { start: false });
  socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "htools-rapi-luxi-"));
  luxi = new LuxiServer(luxiHandlers(h.cluster.master, () => undefined));
  await luxi.listen(path.join(socketDir, "master.sock"));
});

afterAll(async () => {
  await luxi?.close();
  await h?.close();
  if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
});

const facts = (d: ClusterData) => ({
  groups: d.groups.map((g) => [g.name, g.uuid, g.allocPolicy, g.ipolicy]),
  nodes: d.nodes.map((n) => [n.name, n.tMem, n.nMem, n.fMem, n.tDsk, n.fDsk, n.tCpu, n.nCpu, n.offline, n.isMaster, n.tSpindles, n.nTags, n.rMem, n.xMem]),
  instances: d.instances.map((i) => [i.name, i.mem, i.dsk, i.disks, i.vcpus, i.runSt, i.pNode, i.sNode, i.diskTemplate, i.allTags, i.exclTags, i.autoBalance, i.spindleUse]),
  tags: d.clusterTags,
  ipolicy: d.ipolicy,
});

describe("htools' RAPI backend (-m) on Gantry's RAPI", () => {
  it("reads over HTTPS with a self-signed certificate and the URL's credentials the cluster luxi reads", async () => {
    const port = new URL(h.rapi.url).port;
    const viaRapi = await loadClusterData({ rapiUrl: `https://admin:${USERS.admin}@127.0.0.1:${port}` });
    const viaLuxi = await loadClusterData({ luxiSocket: path.join(socketDir, "master.sock") });
    expect(viaRapi.data.instances).toHaveLength(3);
    expect(facts(viaRapi.data)).toEqual(facts(viaLuxi.data));
    expect(viaRapi.warnings).toEqual(viaLuxi.warnings);
  });

  it("says when the credentials are refused, without repeating the password", async () => {
    const port = new URL(h.rapi.url).port;
    const failure = await loadClusterData({ rapiUrl: `https://admin:wrong@127.0.0.1:${port}` }).catch((err: Error) => err.message);
    expect(failure).toMatch(new RegExp(`^failed to load data, aborting: RAPI error for 'https://admin:\\*\\*\\*@127\\.0\\.0\\.1:${port}/2/groups\\?bulk=1': HTTP 401`));
    expect(failure).not.toContain("wrong");
  });
});
