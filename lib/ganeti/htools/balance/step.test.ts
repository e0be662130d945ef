import { describe, expect, it } from "vitest";
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import { allNodes } from "../instance";
import { compCV } from "../metrics";
import type { Node } from "../node";
import { loadFixture } from "../testing/fixtures";
import { randomCluster } from "../testing/random-cluster";
import { mirrorType } from "../types";
import { groupTable, tableNodes } from "./balance";
import type { IMove } from "./moves";
import { applyMove } from "./moves";
import { GroupScorer } from "./scorer";
import { bestMove } from "./step";
import type { AlgorithmOptions, Table } from "./table";
import { defaultAlgorithmOptions } from "./table";

/** Ganeti's possibleMoves, transcribed pattern by pattern (Cluster.hs, 3.0). */
function possibleMoves(inst: Instance, useSec: boolean, drained: boolean, o: AlgorithmOptions, t: number): IMove[] {
  const mir = mirrorType(inst.diskTemplate);
  if (mir === "none") return [];
  if (mir === "external") return o.instanceMoves ? [{ kind: "FailoverToAny", node: t }] : [];
  if (!o.diskMoves) return [];
  if (!o.instanceMoves) return [{ kind: "ReplaceSecondary", node: t }];
  if (o.restrictedMigration && !drained) return [{ kind: "ReplaceSecondary", node: t }];
  const all: IMove[] = [
    { kind: "ReplaceSecondary", node: t },
    { kind: "ReplaceAndFailover", node: t },
    { kind: "ReplacePrimary", node: t },
    { kind: "FailoverAndReplace", node: t },
  ];
  if (useSec && !o.restrictedMigration) return all;
  if (useSec) return all.filter((m) => m.kind !== "ReplacePrimary");
  return all.slice(0, 2);
}

/** Ganeti's checkMove, the slow way: every candidate applied and the whole score recomputed; first strict minimum. */
function referenceBestMove(table: Table, o: AlgorithmOptions): { idx: number; move: IMove; score: number } | null {
  const nodes = table.nodes;
  const online = table.groupNodes.filter((i) => !nodes[i]!.offline);
  const offline = new Set(table.groupNodes.filter((i) => nodes[i]!.offline));
  let best: { idx: number; move: IMove; score: number } | null = null;
  let bestScore = table.score;
  for (const idx of table.groupInstances) {
    const inst = table.instances[idx]!;
    if (o.evacMode && !allNodes(inst).some((n) => offline.has(n))) continue;
    if (!inst.movable || !inst.autoBalance) continue;
    const useSec = online.includes(inst.sNode) && o.instanceMoves;
    const moves: IMove[] = [];
    if (mirrorType(inst.diskTemplate) === "internal" && useSec) moves.push({ kind: "Failover" });
    for (const t of online) {
      if (t === inst.pNode || t === inst.sNode) continue;
      moves.push(...possibleMoves(inst, useSec, nodes[inst.pNode]!.offline, o, t));
    }
    for (const move of moves) {
      const res = applyMove(o.ignoreSoftErrors, nodes, inst, move);
      if (!res.ok) continue;
      const changed = new Map<number, Node>(res.value.changed);
      const score = compCV(table.groupNodes.map((i) => changed.get(i) ?? nodes[i]!));
      if (score < bestScore) {
        bestScore = score;
        best = { idx, move, score };
      }
    }
  }
  return best;
}

function expectSameSteps(data: ClusterData, gdx: number, o: AlgorithmOptions, steps: number, label: string): void {
  let table = groupTable(data, gdx);
  for (let s = 0; s < steps; s++) {
    const ref = referenceBestMove(table, o);
    const ours = bestMove(table, o);
    if (!ref) {
      expect(ours, `${label} step ${s + 1}`).toBeNull();
      return;
    }
    expect(ours, `${label} step ${s + 1}`).not.toBeNull();
    const plc = ours!.placements[0]!;
    expect({ idx: plc.idx, move: plc.move, score: plc.score }, `${label} step ${s + 1}`).toEqual(ref);
    expect(ours!.score).toBe(compCV(tableNodes(ours!)));
    table = ours!;
  }
}

const VARIANTS: Array<[string, Partial<AlgorithmOptions>]> = [
  ["default", {}],
  ["no disk moves", { diskMoves: false }],
  ["no instance moves", { instanceMoves: false }],
  ["restricted migration", { restrictedMigration: true }],
  ["evacuation", { evacMode: true }],
  ["ignoring soft errors", { ignoreSoftErrors: true }],
];

describe("a balancing step", () => {
  for (const file of ["hbal-evac.data", "hbal-migration-1.data", "hbal-location-1.data", "partly-used.data", "shared-n1-failure.data", "hbal-excl-tags.data"]) {
    it(`picks Ganeti's move at each step on ${file}`, () => {
      const { data } = loadFixture(file);
      for (const [name, variant] of VARIANTS) expectSameSteps(data, 0, { ...defaultAlgorithmOptions, ...variant }, 6, `${file} ${name}`);
    });
  }

  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
    it(`picks the move a full recomputation picks on random cluster ${seed}`, () => {
      const { data } = randomCluster(seed, { nodes: [4, 12] });
      const groups = [...new Set(data.nodes.map((n) => n.group))];
      const [name, variant] = VARIANTS[seed % VARIANTS.length]!;
      for (const gdx of groups) expectSameSteps(data, gdx, { ...defaultAlgorithmOptions, ...variant }, 3, `seed ${seed} group ${gdx} ${name}`);
    });
  }

  it("scores exactly as Ganeti's compCV, bit for bit", () => {
    for (const seed of [21, 22, 23]) {
      const { data } = randomCluster(seed, { nodes: [5, 20] });
      const table = groupTable(data, data.nodes[0]!.group);
      expect(new GroupScorer(table.nodes, table.groupNodes).score).toBe(compCV(tableNodes(table)));
    }
  });
});
