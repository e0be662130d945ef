import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initCluster } from "../master/bootstrap";
import { ConfigStore } from "./config-store";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-config-"));
  initCluster({
    stateDir: dir,
    clusterName: "cluster.example.org",
    masterNode: "node1.example.org",
    hardware: { memory_total: 8192, memory_dom0: 1024, cpu_total: 4, storage_total: 102400, spindles: 1 },
  });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const onDisk = () => JSON.parse(fs.readFileSync(path.join(dir, "config.data"), "utf8"));

describe("ConfigStore", () => {
  it("keeps changes in memory until commit, then writes them with the next serial number", async () => {
    const config = ConfigStore.load(dir);
    const master = config.masterNode();
    config.updateNode(master.uuid, (n) => (n.drained = true));
    expect(onDisk().nodes[master.uuid].drained).toBe(false);
    expect(config.node(master.uuid)!.serial_no).toBe(2);
    await config.commit();
    expect(onDisk().nodes[master.uuid]).toMatchObject({ drained: true, serial_no: 2 });
    expect(onDisk().serial_no).toBe(2);
    expect(ConfigStore.load(dir).node(master.uuid)!.drained).toBe(true);
  });

  it("shares one write among commits that arrive while one is in flight", async () => {
    const config = ConfigStore.load(dir);
    const master = config.masterNode();
    const commits = [];
    for (let i = 0; i < 20; i++) {
      config.updateNode(master.uuid, (n) => (n.ndparams = { i }));
      commits.push(config.commit());
    }
    await Promise.all(commits);
    expect(onDisk().nodes[master.uuid].ndparams).toEqual({ i: 19 });
    expect(onDisk().serial_no).toBeLessThan(1 + 20);
  });

  it("never leaves a half-written file: the old or the new configuration, and no temporary files", async () => {
    const config = ConfigStore.load(dir);
    config.updateCluster((c) => (c.tags = ["a"]));
    await config.commit();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(onDisk().cluster.tags).toEqual(["a"]);
  });

  it("finds objects by full name or unique short name, and says when a short name is ambiguous", () => {
    const config = ConfigStore.load(dir);
    expect(config.lookupName("node", "node1")).toBe(config.masterNode().uuid);
    expect(config.lookupName("node", "NODE1.example.org")).toBe(config.masterNode().uuid);
    expect(() => config.expandName("node", "nosuch")).toThrow("Node 'nosuch' not known");
    config.addGroup({ ...structuredClone(config.groups()[0]!), uuid: "g2", name: "rack.a" });
    config.addGroup({ ...structuredClone(config.groups()[0]!), uuid: "g3", name: "rack.b" });
    expect(() => config.lookupName("nodegroup", "rack")).toThrow("Group name 'rack' is ambiguous: rack.a, rack.b");
  });

  it("refuses duplicate names and a second initialisation", () => {
    const config = ConfigStore.load(dir);
    expect(() => config.addNode({ ...structuredClone(config.masterNode()), uuid: "x" })).toThrow("Node 'node1.example.org' already exists");
    expect(() => ConfigStore.create(dir, config.data)).toThrow(/already exists/);
  });

  it("says what is wrong with a damaged or missing configuration", () => {
    fs.writeFileSync(path.join(dir, "config.data"), "{ not json");
    expect(() => ConfigStore.load(dir)).toThrow(/config.data is not valid JSON/);
    expect(() => ConfigStore.load(path.join(dir, "nowhere"))).toThrow(/No cluster in .*nowhere: run gnt-cluster init first/);
  });
});
