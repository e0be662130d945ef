import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { luxiHandlers } from "../../master/luxi-handlers";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { inProcessBackend, luxiBackend, type RapiBackend } from "./backend";
import { I_ADJUST, I_FIELDS, instanceObject, mapFields, N_FIELDS } from "./bulk";

let h: Harness;
let inProcess: RapiBackend;
let overLuxi: RapiBackend;
beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(2);
  for (const name of ["web2", "web10", "db1"]) await h.createInstance(`${name}.example.org`, "drbd", "node2.example.org:node3.example.org");
  inProcess = inProcessBackend(h.master);
  const handlers = luxiHandlers(h.master, () => undefined, "rapi");
  // As over a socket: every answer goes through JSON.
  overLuxi = luxiBackend(async (method, args) => JSON.parse(JSON.stringify(await handlers[method](...args))));
});
afterAll(() => h.close());

const text = async (backend: RapiBackend) => (await backend.bulkList("instance", I_FIELDS, I_ADJUST)).body.toString("utf8");

/** What the list must be: Ganeti's MapBulkFields of QueryInstances, plus _UpdateBeparams. */
async function expected(): Promise<string> {
  const rows = await overLuxi.queryValues("instance", [], I_FIELDS);
  return JSON.stringify(rows.map((row) => instanceObject(mapFields(I_FIELDS, row))));
}

describe("bulk lists in masterd", () => {
  it("are byte for byte MapBulkFields of the old-style query, kept or not", async () => {
    const want = await expected();
    expect(await text(overLuxi)).toBe(want);
    expect(await text(inProcess)).toBe(want); // built
    expect(await text(inProcess)).toBe(want); // from the kept text
    const nodes = await inProcess.bulkList("node", N_FIELDS);
    expect(JSON.parse(nodes.body.toString())).toEqual((await overLuxi.queryValues("node", [], N_FIELDS)).map((r) => mapFields(N_FIELDS, r)));
  });

  it("keep the configuration's part while its generation is unchanged (a change behind the ConfigStore goes unseen)", async () => {
    const before = await text(inProcess);
    const instance = h.master.config.instance(h.master.config.expandName("instance", "web2"))!;
    const os = instance.os;
    instance.os = "changed-behind-the-store";
    try {
      expect(await text(inProcess)).toBe(before);
      expect(await text(overLuxi)).toContain("changed-behind-the-store");
    } finally {
      instance.os = os;
    }
  });

  it("write the live fields again while the configuration is unchanged", async () => {
    await text(inProcess);
    const generation = h.master.config.generation;
    const primary = h.master.config.expandName("node", "node2.example.org");
    await h.master.rpc.node(primary).instanceShutdown("web10.example.org", 0); // behind the master's back: config unchanged
    expect(h.master.config.generation).toBe(generation);
    const list = JSON.parse(await text(inProcess)) as Array<Record<string, unknown>>;
    expect(list.find((i) => i.name === "web10.example.org")).toMatchObject({ status: "ERROR_down", oper_state: false, oper_ram: null, admin_state: "up" });
    expect(await text(inProcess)).toBe(await expected());
  });

  it("follow the nodes' answers: a primary node that stops answering, then answers again", async () => {
    const before = await text(inProcess);
    expect(await text(inProcess)).toBe(before); // the nodes answered the same
    const node2 = h.master.virtualNodes.get("node2.example.org")!;
    node2.state.powered = false;
    try {
      const list = JSON.parse(await text(inProcess)) as Array<Record<string, unknown>>;
      expect(list.find((i) => i.name === "web2.example.org")).toMatchObject({ status: "ERROR_nodedown", oper_state: null, oper_ram: null });
      expect(await text(inProcess)).toBe(await expected());
    } finally {
      node2.state.powered = true;
    }
    expect(await text(inProcess)).toBe(before);
  });

  it("build everything again after a change to the configuration", async () => {
    await text(inProcess);
    await h.ok({ OP_ID: "OP_TAGS_SET", kind: "instance", name: "db1.example.org", tags: ["blue"] });
    await h.createInstance("web3.example.org", "plain", "node3.example.org");
    const list = JSON.parse(await text(inProcess)) as Array<Record<string, unknown>>;
    expect(list.map((i) => i.name)).toEqual(["db1", "web2", "web3", "web10"].map((n) => `${n}.example.org`));
    expect(list[0]!.tags).toEqual(["blue"]);
    expect(await text(inProcess)).toBe(await expected());
  });
});
