import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readIAllocatorCluster } from "../backends/iallocator";
import type { Instance } from "../instance";
import { clusterStatistics, compCV, scoreAfterUpdates } from "../metrics";
import type { Node } from "../node";
import { FIXTURES_DIR, loadFixture, readFixture } from "../testing/fixtures";
import type { RandomClusterOptions } from "../testing/random-cluster";
import { randomCluster } from "../testing/random-cluster";
import type { DiskTemplate } from "../types";
import { zeroUtil } from "../types";
import { nodeEvacuator, redundantFast } from "./global-n1-fast";
import { applyElement } from "./apply-element";
import { canEvacuateNode, N1_OPTIONS, redundantReference } from "./global-n1-reference";
import { applyMoveEx, move } from "./moves";
import { allocateOnSingle } from "./primitives";
import { diskTemplateMovable } from "./templates";
import { identicalNodesCluster, roughCluster } from "./n1-test-clusters";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems, mustFind, withEntry } from "./types";

type Lists = { nodes: NodeList; instances: InstanceList };
type Tally = { evacuable: number; notEvacuable: number; moves: number };

/**
 * Every node's simulated failure, fast and reference: the same answer and the same instances moved to the same
 * nodes in the same order (the targets chosen by score, ties included); then redundant() under several options.
 */
function compare(label: string, { nodes, instances }: Lists, tally: Tally): void {
  const fast = nodeEvacuator(nodes, instances);
  for (const n of elems(nodes)) {
    const refMoves: Array<[number, number]> = [];
    const fastMoves: Array<[number, number]> = [];
    const expected = canEvacuateNode(nodes, instances, n.idx, (i, t) => refMoves.push([i, t]));
    const actual = fast(n.idx, (i, t) => fastMoves.push([i, t]));
    expect({ node: `${label} ${n.name}`, evacuable: actual, moves: fastMoves }).toEqual({ node: `${label} ${n.name}`, evacuable: expected, moves: refMoves });
    if (expected) tally.evacuable++;
    else tally.notEvacuable++;
    tally.moves += refMoves.length;
  }
  const groups = [...new Set(elems(nodes).map((n) => n.group))];
  const options: AllocOptions[] = [{}, { acceptExisting: true }, { capacityIgnoreGroups: groups.slice(0, 1) }];
  for (const opts of options) expect(redundantFast(opts, nodes, instances), `${label} ${JSON.stringify(opts)}`).toBe(redundantReference(opts, nodes, instances));
}

type Scored = [idx: number, node: number, score: number];

/**
 * The score of every target that fits, as the reference computes it (evacuate.ts's incremental group score for a
 * move, allocateOnSingle's for a recreation), along the moves the simulation made (checked against the reference's
 * own choices by `compare`).
 */
function referenceScores(nodes: NodeList, instances: InstanceList, ndx: number, moves: ReadonlyMap<number, number>): Scored[] {
  const out: Scored[] = [];
  const n = mustFind(nodes, ndx);
  const own = n.pList.map((idx) => mustFind(instances, idx));
  const shared = own.filter((i) => i.diskTemplate !== "drbd" && diskTemplateMovable(i.diskTemplate));
  const other = own.filter((i) => i.diskTemplate !== "drbd" && !diskTemplateMovable(i.diskTemplate)).sort((a, b) => b.mem - a.mem);
  let nl = nodes;
  let il = instances;
  for (const i of own.filter((x) => x.diskTemplate === "drbd")) {
    const r = move(nl, il, i.idx, { type: "Failover" });
    if (!r.ok) return out;
    ({ nodes: nl, instances: il } = r.value);
  }
  const escape = elems(nl).filter((x) => x.group === n.group && x.idx !== ndx).map((x) => x.idx);
  for (const { idx } of shared) {
    const inst = mustFind(il, idx);
    const stats = clusterStatistics(elems(nl).filter((x) => x.group === n.group));
    for (const t of escape) {
      const r = applyMoveEx(true, nl, inst, { type: "FailoverToAny", node: t });
      if (!r.ok) continue;
      const changed = nl.flatMap((before, k) => {
        const after = r.value.nodes[k];
        return before && after && before !== after && before.group === n.group ? [[before, after] as const] : [];
      });
      out.push([idx, t, scoreAfterUpdates(stats, changed.map((c) => c[0]), changed.map((c) => c[1]))]);
    }
    const target = moves.get(idx);
    if (target === undefined) return out;
    const r = applyMoveEx(true, nl, inst, { type: "FailoverToAny", node: target });
    if (!r.ok) throw new Error(`the simulation moved ${inst.name} where it does not fit`);
    nl = r.value.nodes;
    il = withEntry(il, idx, r.value.inst);
  }
  for (const inst of other) {
    const stats = clusterStatistics(elems(nl));
    let chosen: ReturnType<typeof allocateOnSingle> | null = null;
    for (const t of escape) {
      const r = allocateOnSingle(N1_OPTIONS, nl, inst, t, stats);
      if (!r.ok) continue;
      out.push([inst.idx, t, r.value.metric]);
      if (t === moves.get(inst.idx)) chosen = r;
    }
    if (!chosen?.ok) return out;
    ({ nodes: nl, instances: il } = applyElement(il, chosen.value));
  }
  return out;
}

const MIXES: Record<string, ReadonlyArray<readonly [DiskTemplate, number]>> = {
  mixed: [["drbd", 40], ["plain", 10], ["diskless", 20], ["file", 5], ["sharedfile", 15], ["ext", 10]],
  drbd: [["drbd", 1]],
  diskless: [["diskless", 1]],
  local: [["plain", 2], ["file", 1]],
  shared: [["sharedfile", 1], ["ext", 1], ["diskless", 1], ["rbd", 1]],
  "drbd+plain": [["drbd", 3], ["plain", 1]],
};

/** Seeded cluster options: sizes, groups, offline nodes, template mixes, uniform nodes (exact score ties), tight memory. */
function caseOptions(seed: number): RandomClusterOptions {
  const mixNames = Object.keys(MIXES);
  const mix = MIXES[mixNames[seed % mixNames.length]!]!;
  return {
    nodes: seed % 7 === 0 ? [2, 4] : [3, 16],
    groups: seed % 3 === 0 ? 2 : 1,
    templates: mix,
    fill: [0.08, 0.2, 0.35, 0.5, 0.7, 0.9][seed % 6],
    offline: seed % 4 === 1 ? 0.2 : seed % 4 === 2 ? 0.4 : 0,
    sizes: seed % 5 < 2 ? "uniform" : "mixed",
    tags: seed % 2 === 0,
    forced: seed % 9 === 0 ? 0.3 : 0.03,
  };
}

describe("global N+1 check: fast simulation against the reference", () => {
  it("chooses the same targets and answers the same on 300 seeded random clusters", () => {
    const tally: Tally = { evacuable: 0, notEvacuable: 0, moves: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      // One in three with numbers that round (odd memory sizes, fractional loads), where near-ties are not exact.
      const data = seed % 3 === 2 ? roughCluster(seed, caseOptions(seed)) : randomCluster(seed, caseOptions(seed)).data;
      compare(`seed ${seed}`, data, tally);
    }
    // The cases cover both answers and real evacuations (not just empty nodes).
    expect(tally.evacuable).toBeGreaterThan(500);
    expect(tally.notEvacuable).toBeGreaterThan(200);
    expect(tally.moves).toBeGreaterThan(5000);
  }, 120_000);

  it("scores every target as the reference's arithmetic does, bit for bit (equal nodes share one score)", () => {
    let compared = 0;
    const identical: Array<readonly DiskTemplate[]> = [["diskless"], ["diskless", "sharedfile", "plain"], ["drbd", "ext", "file", "diskless"]];
    for (let seed = 1; seed <= 130; seed++) {
      const uniform = seed % 3 !== 0;
      const options = { ...caseOptions(seed), templates: seed % 2 ? MIXES.shared : MIXES.mixed, sizes: uniform ? ("uniform" as const) : ("mixed" as const) };
      // Rough numbers on identical nodes (equal records on both sides of the leaving node, where order matters).
      const { nodes, instances } =
        seed > 120
          ? identicalNodesCluster(seed, 6 + (seed % 5), 3 + (seed % 4), identical[seed % identical.length]!)
          : seed % 4 >= 2
            ? roughCluster(seed, options, uniform)
            : randomCluster(seed, options).data;
      const fast = nodeEvacuator(nodes, instances);
      for (const n of elems(nodes)) {
        const moves = new Map<number, number>();
        const scored: Scored[] = [];
        fast(n.idx, (i, t) => moves.set(i, t), (i, t, score) => scored.push([i, t, score]));
        const expected = referenceScores(nodes, instances, n.idx, moves);
        const differing = scored.flatMap((x, k) => (expected[k] && x[0] === expected[k][0] && x[1] === expected[k][1] && Object.is(x[2], expected[k][2]) ? [] : [[x, expected[k]]]));
        expect({ node: `seed ${seed} ${n.name}`, count: scored.length, differing: differing.slice(0, 3) }).toEqual({ node: `seed ${seed} ${n.name}`, count: expected.length, differing: [] });
        compared += scored.length;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  }, 120_000);

  it("agrees on larger clusters with many small instances, and on identical nodes filled round-robin", () => {
    const tally: Tally = { evacuable: 0, notEvacuable: 0, moves: 0 };
    for (const seed of [11, 12, 13]) {
      const c = randomCluster(seed, { nodes: 24, groups: seed === 13 ? 2 : 1, fill: 0.1, templates: MIXES.mixed, offline: seed === 12 ? 0.1 : 0 });
      compare(`large ${seed}`, c.data, tally);
    }
    compare("identical diskless", identicalNodesCluster(21, 16, 12, ["diskless"]), tally);
    compare("identical mixed", identicalNodesCluster(22, 12, 10, ["drbd", "diskless", "plain", "sharedfile", "file", "ext"]), tally);
    expect(tally.evacuable).toBeGreaterThan(60);
    expect(tally.moves).toBeGreaterThan(100);
  }, 60_000);

  it("breaks NaN scores as the reference's sort does (nodes without utilisation pools)", () => {
    const tally: Tally = { evacuable: 0, notEvacuable: 0, moves: 0 };
    for (let seed = 400; seed < 420; seed++) {
      const c = randomCluster(seed, { nodes: [4, 10], groups: 1, fill: 0.2, templates: seed % 2 ? MIXES.local : MIXES.mixed });
      const nodes = c.data.nodes.map((n): Node => (n.idx % 3 === 1 ? { ...n, utilPool: zeroUtil } : n));
      expect(Number.isNaN(compCV(nodes))).toBe(true);
      compare(`nan ${seed}`, { nodes, instances: c.data.instances }, tally);
    }
    expect(tally.moves).toBeGreaterThan(50);
  });

  it("leaves what it does not model to the reference (exclusive storage, forthcoming instances)", () => {
    const tally: Tally = { evacuable: 0, notEvacuable: 0, moves: 0 };
    for (let seed = 500; seed < 506; seed++) {
      const c = randomCluster(seed, { nodes: [3, 8], fill: 0.2 });
      const excl = c.data.nodes.map((n): Node => (n.idx === 1 ? { ...n, exclStorage: true } : n));
      compare(`excl ${seed}`, { nodes: excl, instances: c.data.instances }, tally);
      const forth = c.data.instances.map((i): Instance => (i.idx % 4 === 0 ? { ...i, forthcoming: true } : i));
      compare(`forthcoming ${seed}`, { nodes: c.data.nodes, instances: forth }, tally);
    }
    expect(tally.moves).toBeGreaterThan(20);
  });

  it("agrees on Ganeti's upstream fixtures", () => {
    const tally: Tally = { evacuable: 0, notEvacuable: 0, moves: 0 };
    let loaded = 0;
    for (const name of fs.readdirSync(FIXTURES_DIR).sort()) {
      let lists: Lists;
      try {
        if (name.endsWith(".data")) lists = loadFixture(name).data;
        else if (name.startsWith("hail-") && name.endsWith(".json")) lists = readIAllocatorCluster(readFixture(name));
        else continue;
      } catch {
        continue; // the fixtures of loader errors
      }
      loaded++;
      compare(name, lists, tally);
    }
    expect(loaded).toBeGreaterThan(20);
    expect(tally.notEvacuable).toBeGreaterThan(0);
    expect(tally.evacuable).toBeGreaterThan(0);
  }, 60_000);
});
