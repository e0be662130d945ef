import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/cluster-harness";
import { prepareCompatQuery, runCompatQuery, runQuery, runQueryText, type QueryEnvironment } from "./run-query";

let h: Harness;
let env: QueryEnvironment;
beforeAll(async () => {
  h = await createHarness({ init: { enabledHypervisors: ["fake", "kvm"] } });
  await h.addNodes(10); // node2 … node11
  for (const name of ["web10", "web9", "web1", "db2"]) await h.createInstance(`${name}.example.org`, "diskless", "node11.example.org");
  await h.createInstance("vm1.example.org", "plain", "node2.example.org", { hypervisor: "kvm", hvparams: { boot_order: "network" }, start: false });
  await h.ok({ OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3.example.org", offline: true, force: true });
  env = { config: h.master.config, rpc: h.master.rpc, jobs: () => h.master.queue.list(), isArchived: () => false };
});
afterAll(() => h.close());

const column = (rows: unknown[][], i = 0) => rows.map((r) => r[i]);

describe("queries", () => {
  it("return nodes, instances and a node's instances in Ganeti's nice order of names", async () => {
    const nodes = await runCompatQuery(env, "node", ["name"]);
    expect(column(nodes)).toEqual(Array.from({ length: 11 }, (_, i) => `node${i + 1}.example.org`));
    const instances = await runQuery(env, "instance", ["name"], null);
    expect(instances.data.map((row) => row[0]![1])).toEqual(["db2", "vm1", "web1", "web9", "web10"].map((n) => `${n}.example.org`));
    const pinst = await runCompatQuery(env, "node", ["pinst_list"], ["=", "name", "node11.example.org"]);
    expect(pinst).toEqual([[["db2", "web1", "web9", "web10"].map((n) => `${n}.example.org`)]]);
  });

  it("merge hvparams without the cluster-wide parameters, as Ganeti's hvparams field does", async () => {
    const rows = await runCompatQuery(env, "instance", ["name", "hvparams", "hv/migration_mode", "custom_hvparams"], ["=", "name", "web1.example.org"]);
    expect(rows).toEqual([["web1.example.org", {}, "live", {}]]);
    const [[kvm]] = (await runCompatQuery(env, "instance", ["hvparams"], ["=", "name", "vm1.example.org"])) as [[Record<string, unknown>]];
    expect(kvm.boot_order).toBe("network");
    expect(Object.keys(kvm).filter((k) => k.startsWith("migration_"))).toEqual(["migration_downtime"]);
  });

  it("write the same answer as JSON text as the cells would stringify to (RAPI's /2/query sends the text)", async () => {
    const cases: Array<[Parameters<typeof runQuery>[1], string[], Parameters<typeof runQuery>[3]]> = [
      ["node", ["name", "mfree", "nosuchfield", "offline", "pinst_list", "tags", "ctime"], null],
      ["instance", ["name", "status", "oper_state", "oper_ram", "hvparams", "disk.sizes", "nic.ips", "be/maxmem", "mtime"], null],
      ["instance", ["name", "status"], ["=", "name", "web1.example.org"]],
      ["group", ["name", "node_cnt", "pinst_cnt", "ipolicy"], null],
      ["job", ["id", "status", "summary", "received_ts", "opresult"], null],
      ["instance", ["name"], ["=", "name", "nothing.example.org"]],
    ];
    for (const [what, fields, filter] of cases) {
      expect(JSON.parse(await runQueryText(env, what, fields, filter)), `${what} ${fields}`).toEqual(await runQuery(env, what, fields, filter));
      const { data, fields: definitions } = await runQuery(env, what, fields, filter);
      expect(await runQueryText(env, what, fields, filter)).toBe(JSON.stringify({ data, fields: definitions })); // RAPI's key order
    }
    await expect(runQueryText(env, "instance", ["name"], ["=", "nosuchfield", 1])).rejects.toThrow(/Unknown field 'nosuchfield'/);
  });

  it("give plain values in the old-style query, null where a cell has none, and refuse unknown fields", async () => {
    const cells = await runQuery(env, "node", ["name", "mfree", "nosuchfield"], ["=", "name", "node3.example.org"]);
    expect(cells.data).toEqual([[[0, "node3.example.org"], [4, null], [1, null]]]);
    expect(await runCompatQuery(env, "node", ["name", "mfree"], ["=", "name", "node3.example.org"])).toEqual([["node3.example.org", null]]);
    await expect(runCompatQuery(env, "node", ["name", "nosuchfield"])).rejects.toThrow("Unknown output fields selected: nosuchfield");
  });

  it("hand the same rows over in slices or one by one, computing only the columns asked for", async () => {
    const fields = ["name", "status", "oper_ram", "beparams", "nic.modes", "disk.sizes"];
    const whole = await runCompatQuery(env, "instance", fields);
    const query = await prepareCompatQuery(env, "instance", fields);
    expect(query.live).toEqual([false, true, true, false, false, false]);
    const slices = [...query.rows(2)];
    expect(slices.map((s) => s.length)).toEqual([2, 2, 1]);
    expect(slices.flat()).toEqual(whole);
    expect(whole[0]).toEqual(["db2.example.org", "running", 128, expect.objectContaining({ maxmem: 128 }), ["bridged"], []]);
    const some = [...query.rows(10, [true, false, true, false, false, false])].flat();
    expect(some).toEqual(whole.map((r) => [r[0], null, r[2], null, null, null]));
    const visited: unknown[][] = [];
    query.each((row) => visited.push([...row]), [true, false, true, false, false, false]);
    expect(visited).toEqual(some);
  });
});
