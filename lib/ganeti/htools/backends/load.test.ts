import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePath } from "../testing/fixtures";
import { HtoolsInputError } from "../types";
import { loadClusterData, parseUtilisation } from "./load";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "htools-load-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("loadClusterData (Ganeti's ExtLoader)", () => {
  it("refuses to run without a backend, or with two of rapi, luxi and text", async () => {
    await expect(loadClusterData({})).rejects.toThrow(new HtoolsInputError("failed to load data, aborting: No backend selected! Exiting."));
    await expect(loadClusterData({ textFile: "x", luxiSocket: true })).rejects.toThrow("Only one of the rapi, luxi, and data files options should be given.");
    await expect(loadClusterData({ textFile: "x", rapiUrl: "host" })).rejects.toThrow("Only one of the rapi, luxi, and data files options should be given.");
  });

  it("reads a text file and finalizes it", async () => {
    const { data, warnings } = await loadClusterData({ textFile: fixturePath("n1-failure.data") });
    expect(data.nodes.length).toBeGreaterThan(0);
    expect(data.nodes.every((n, k) => n.idx === k && n.iPolicy === data.groups[n.group]!.ipolicy)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it("names a text file it cannot open as Ganeti does", async () => {
    await expect(loadClusterData({ textFile: "/nonexist" })).rejects.toThrow(
      "failed to load data, aborting: /nonexist: openFile: does not exist (No such file or directory)",
    );
  });

  it("prefixes text-format errors", async () => {
    await expect(loadClusterData({ textFile: fixturePath("invalid-node.data") })).rejects.toThrow(
      "failed to load data, aborting: Unknown node 'no-such-node' for instance new-0",
    );
  });

  it("reads RAPI answers saved in a directory", async () => {
    const { data } = await loadClusterData({ rapiUrl: `file://${fixturePath("rapi")}` });
    expect(data.instances).toHaveLength(11);
  });

  it("applies --exclusion-tags as prefixes with a colon, and -U utilisation", async () => {
    const util = path.join(tmp, "util");
    fs.writeFileSync(util, "instance2 2.0 1.5 1 0.5\n");
    const { data } = await loadClusterData({ rapiUrl: `file://${fixturePath("rapi")}`, exclusionTags: ["gogu"], dynuFile: util });
    const byName = new Map(data.instances.map((i) => [i.name, i]));
    expect(byName.get("instance9")!.exclTags).toEqual(["gogu:test"]);
    expect(byName.get("instance2")!.util).toEqual({ cpu: 2, mem: 1.5, dsk: 1, net: 0.5 });
    const ignored = await loadClusterData({ rapiUrl: `file://${fixturePath("rapi")}`, dynuFile: util, ignoreDynu: true });
    expect(ignored.data.instances.every((i) => i.util.cpu === 0)).toBe(true);
  });

  it("reads the cluster of an iallocator request (-I), each instance once", async () => {
    // Ganeti 3.0.2's hbal -I merges the request's data twice and counts every instance twice on its nodes; we do not.
    const { data } = await loadClusterData({ iallocatorFile: fixturePath("hail-alloc-drbd.json") });
    const node = (name: string) => data.nodes.find((n) => n.name === name)!;
    expect([node("node3").pList.length, node("node4").pList.length, node("node4").sList.length]).toEqual([4, 6, 4]);
    expect(data.instances).toHaveLength(10);
  });

  it("builds a simulated cluster (--simulate): before a text file, after RAPI, as Ganeti's precedence goes", async () => {
    const { data } = await loadClusterData({ simulate: ["p,3,100g,16g,8"] });
    expect(data.nodes.map((n) => [n.name, n.tMem, n.tDsk, n.tCpu])).toEqual([1, 2, 3].map((k) => [`node-01-00${k}`, 16384, 102400, 8]));
    const rapi = await loadClusterData({ simulate: ["p,3,100g,16g,8"], rapiUrl: `file://${fixturePath("rapi")}` });
    expect(rapi.data.nodes).toHaveLength(4);
    const text = await loadClusterData({ simulate: ["p,3,100g,16g,8"], textFile: fixturePath("n1-failure.data") });
    expect(text.data.nodes.map((n) => n.name)).toEqual(data.nodes.map((n) => n.name));
  });

  it("refuses unknown instances in --select-instances", async () => {
    await expect(loadClusterData({ rapiUrl: `file://${fixturePath("rapi")}`, selectInstances: ["nosuch"] })).rejects.toThrow(
      `failed to load data, aborting: Unknown instance(s): ["nosuch"]`,
    );
  });

  it("parses utilisation lines strictly", () => {
    expect(() => parseUtilisation("a 1 2 3\n")).toThrow("can't parse utilisation data: Cannot parse line a 1 2 3");
    expect(() => parseUtilisation("a 1 2 3 x\n")).toThrow("can't parse utilisation data: a: cannot parse string 'x'");
    expect(parseUtilisation("").size).toBe(0);
  });
});
