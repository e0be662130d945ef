import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryEnvironment } from "../../master/luxi-handlers";
import type { QueryFilter } from "../../query/filter";
import { runQueryText, type QueryResource } from "../../query/run-query";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { inProcessBackend, type RapiBackend } from "./backend";

let h: Harness;
let backend: RapiBackend;
beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(2);
  await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
  await h.createInstance("db1.example.org", "plain", "node3.example.org");
  backend = inProcessBackend(h.master);
});
afterAll(() => h.close());

// What a sync asks (lib/manager/cache), and a filtered query.
const STAMPS = ["name", "mtime", "serial_no", "status", "oper_state", "oper_ram", "oper_vcpus"];
const NODES = ["name", "mtotal", "mfree", "pinst_cnt", "serial_no"];
const QUERIES: Array<[QueryResource, string[], QueryFilter]> = [
  ["instance", STAMPS, null],
  ["instance", ["name", "status", "oper_ram"], ["=", "name", "web1.example.org"]],
  ["node", NODES, null],
  ["group", ["name", "node_cnt", "serial_no"], null],
  ["job", ["id", "status", "summary"], [">", "id", 0]],
];

const served = async (what: QueryResource, fields: string[], filter: QueryFilter = null) => (await backend.queryText!(what, fields, filter)).body.toString("utf8");
/** The answer made afresh, as it is without anything kept. */
const fresh = (what: QueryResource, fields: string[], filter: QueryFilter = null) => runQueryText(queryEnvironment(h.master), what, fields, filter);
const rows = (text: string) => (JSON.parse(text) as { data: Array<Array<[number, unknown]>> }).data;

describe("/2/query answers kept in masterd", () => {
  it("are byte for byte the answer made afresh, the first time and when sent again", async () => {
    for (const [what, fields, filter] of QUERIES) {
      const want = await fresh(what, fields, filter);
      expect(await served(what, fields, filter), what).toBe(want);
      expect(await served(what, fields, filter), what).toBe(want);
    }
  });

  it("show a VM that stopped behind the master's back in the next answer (the nodes are asked every time)", async () => {
    const before = await served("instance", STAMPS);
    const generation = h.master.config.generation;
    await h.master.rpc.node(h.master.config.expandName("node", "node3.example.org")).instanceShutdown("db1.example.org", 0);
    expect(h.master.config.generation).toBe(generation);
    const after = await served("instance", STAMPS);
    expect(after).not.toBe(before);
    expect(after).toBe(await fresh("instance", STAMPS));
    expect(rows(after).find((row) => row[0]![1] === "db1.example.org")!.slice(3)).toEqual([[0, "ERROR_down"], [0, false], [3, null], [3, null]]);
    await h.ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: "db1.example.org" });
    expect(await served("instance", STAMPS)).toBe(await fresh("instance", STAMPS));
  });

  it("show a node that stops answering, then answers again", async () => {
    const node2 = h.master.virtualNodes.get("node2.example.org")!;
    const before = await served("instance", STAMPS);
    node2.state.powered = false;
    try {
      const down = await served("instance", STAMPS);
      expect(rows(down).find((row) => row[0]![1] === "web1.example.org")![3]).toEqual([0, "ERROR_nodedown"]);
      expect(down).toBe(await fresh("instance", STAMPS));
      expect(await served("node", NODES)).toBe(await fresh("node", NODES));
    } finally {
      node2.state.powered = true;
    }
    expect(await served("instance", STAMPS)).toBe(before);
  });

  it("follow the configuration and the job queue", async () => {
    await served("instance", ["name", "tags"]);
    const jobs = await served("job", ["id", "status"]);
    await h.ok({ OP_ID: "OP_TAGS_SET", kind: "instance", name: "web1.example.org", tags: ["blue"] });
    expect(rows(await served("instance", ["name", "tags"])).find((row) => row[0]![1] === "web1.example.org")![1]).toEqual([0, ["blue"]]);
    expect(await served("instance", ["name", "tags"])).toBe(await fresh("instance", ["name", "tags"]));
    expect(rows(await served("job", ["id", "status"])).length).toBe(rows(jobs).length + 1);
  });

  it("are the kept bytes while nothing changed", async () => {
    const first = await backend.queryText!("instance", STAMPS, null);
    expect(await backend.queryText!("instance", STAMPS, null)).toBe(first);
  });
});
