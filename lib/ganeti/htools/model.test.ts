import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTextData, serializeTextData } from "./backends/text";
import { availMem, unallocatedMem } from "./node";
import { addPri, addSec, removePri, removeSec } from "./node-placement";
import { clusterStatistics, compCV, scoreAfterUpdates, scoreComponents, scoreFromStatistics, updateStatistics } from "./metrics";
import { fixturePath, ganetiTool, loadFixture, readFixture, runGanetiTool } from "./testing/fixtures";
import { HtoolsInputError } from "./types";

// Initial scores printed by Ganeti 3.0.2's `hbal -t FILE -v -v -v` ("Initial coefficients: overall …").
const GANETI_INITIAL_SCORES: Record<string, number> = {
  "clean-nonzero-score.data": 1.91573994,
  "common-suffix.data": 2.20849373,
  "hbal-cpu-speed.data": 0.77083333,
  "hbal-evac.data": 46.94539253,
  "hbal-excl-tags.data": 3.671875,
  "hbal-location-1.data": 4.0625,
  "hbal-migration-1.data": 10.13359773,
  "hspace-existing.data": 20,
  "n1-failure.data": 22.37526844,
  "partly-used.data": 2.74131372,
  "plain-n1-restriction.data": 4.64613614,
  "shared-n1-failure.data": 3.46410162,
};

describe("cluster score", () => {
  for (const [file, expected] of Object.entries(GANETI_INITIAL_SCORES)) {
    it(`equals Ganeti's initial score for ${file}`, () => {
      const { data } = loadFixture(file);
      const group = data.nodes.filter((n) => n.group === 0);
      expect(compCV(group)).toBeCloseTo(expected, 8);
    });
  }

  it.skipIf(!ganetiTool("hbal"))("matches every component hbal -v -v -v prints", () => {
    for (const file of Object.keys(GANETI_INITIAL_SCORES)) {
      const { data } = loadFixture(file);
      const ours = scoreComponents(clusterStatistics(data.nodes.filter((n) => n.group === 0)));
      const out = runGanetiTool(ganetiTool("hbal")!, ["-t", fixturePath(file), "-G", data.groups[0]!.name, "-v", "-v", "-v"]).stdout;
      const table = out.split("Trying to minimize")[0]!;
      for (const c of ours) {
        const m = table.match(new RegExp(`^\\s+${c.name}\\s+(\\S+)\\s+x(\\S+)$`, "m"));
        expect(m, `${file}: ${c.name}`).not.toBeNull();
        expect(c.value.toFixed(8), `${file}: ${c.name}`).toBe(Number(m![1]).toFixed(8));
        expect(c.weight.toFixed(2)).toBe(m![2]);
      }
    }
  });

  it("scores a move incrementally exactly as recomputing does", () => {
    const { data } = loadFixture("hbal-migration-1.data");
    const stats = clusterStatistics(data.nodes);
    const inst = data.instances[0]!; // primary node-01, secondary node-02: fail it over
    const oldP = data.nodes[inst.pNode]!;
    const oldS = data.nodes[inst.sNode]!;
    const moved = { ...inst, pNode: inst.sNode, sNode: inst.pNode };
    const newS = addSec(removePri(oldP, inst), moved, moved.pNode);
    const newP = addPri(removeSec(oldS, inst), moved);
    expect(newS.ok && newP.ok).toBe(true);
    if (!newS.ok || !newP.ok) return;
    const nodes = data.nodes.map((n) => (n.idx === oldP.idx ? newS.value : n.idx === oldS.idx ? newP.value : n));
    const incremental = scoreAfterUpdates(stats, [oldP, oldS], [newS.value, newP.value]);
    const viaStats = scoreFromStatistics(updateStatistics(updateStatistics(stats, oldP, newS.value), oldS, newP.value));
    expect(incremental).toBe(viaStats);
    expect(Math.abs(incremental - compCV(nodes))).toBeLessThan(1e-12);
  });
});

describe("node memory model (state of record)", () => {
  it("counts only memory-using primaries in i_mem and keeps the reported free memory", () => {
    const { data } = loadFixture("hbal-migration-1.data");
    const node01 = data.nodes[0]!;
    expect(node01.iMem).toBe(6144);
    expect(node01.fMem).toBe(12288);
    expect(node01.xMem).toBe(-2048);
    expect(unallocatedMem(node01)).toBe(10240);
    expect(node01.pMem).toBe(0.625);
    expect(availMem(data.nodes[1]!)).toBe(16384 - 2048);
  });

  it("refuses a primary that does not fit and leaves the node unchanged", () => {
    const { data } = loadFixture("n1-failure.data");
    const tiny = data.nodes[0]!;
    const big = { ...data.instances[0]!, idx: 99, mem: 4096, pNode: tiny.idx };
    expect(addPri(tiny, big)).toEqual({ ok: false, fail: "FailMem" });
    expect(tiny.pList).not.toContain(99);
  });
});

describe("text backend", () => {
  it("reports Ganeti's message for an instance on an unknown node", () => {
    expect(() => parseTextData(readFixture("invalid-node.data"))).toThrow(new HtoolsInputError("Unknown node 'no-such-node' for instance new-0"));
  });

  it("refuses a file with fewer than four sections", () => {
    expect(() => parseTextData("group|uuid|preferred||\n")).toThrow(/1 sections instead of 4 or more/);
  });

  it("warns about memory and disk a node cannot account for, as Ganeti does", () => {
    expect(loadFixture("missing-resources.data").warnings).toEqual(["node node2 is missing 1024 MB ram and 93 GB disk"]);
  });

  it("strips the common domain suffix for display", () => {
    const { data } = loadFixture("common-suffix.data");
    expect(data.nodes.map((n) => n.alias)).toEqual(["node1", "node2"]);
    expect(data.instances[0]!.alias).toBe("instance1");
  });

  it.skipIf(!ganetiTool("hbal"))("writes the same file as hbal -S", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "htools-text-"));
    for (const file of ["hbal-migration-1.data", "n1-failure.data", "hbal-excl-tags.data", "common-suffix.data"]) {
      const out = path.join(dir, file);
      runGanetiTool(ganetiTool("hbal")!, ["-t", fixturePath(file), "-S", out]);
      expect(serializeTextData(loadFixture(file).data), file).toBe(fs.readFileSync(`${out}.original`, "utf8"));
    }
  });

  it("reads back what it writes", () => {
    const { data } = loadFixture("hbal-excl-tags.data");
    const text = serializeTextData(data);
    expect(serializeTextData(parseTextData(text))).toBe(text);
  });
});
