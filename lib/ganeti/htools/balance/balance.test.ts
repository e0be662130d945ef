import { describe, expect, it } from "vitest";
import { compCV } from "../metrics";
import { policyHealth } from "../node";
import { randomCluster } from "../testing/random-cluster";
import { balanceGroup, groupTable, tableNodes, tableOptimum } from "./balance";
import type { Table } from "./table";
import { defaultAlgorithmOptions } from "./table";

// Seeded random clusters (2–60 nodes, mixed templates, tags, offline nodes): whatever hbal does, it must not make a
// node newly fail N+1 or its policy, its scores must be the real scores, and the score must only go down.
describe("hbal on random clusters", () => {
  for (let seed = 100; seed < 112; seed++) {
    it(`keeps its invariants on cluster ${seed}`, () => {
      const { data } = randomCluster(seed, { nodes: [2, 60] });
      const groups = [...new Set(data.nodes.map((n) => n.group))];
      for (const gdx of groups) {
        const table = groupTable(data, gdx);
        const violations: string[] = [];
        let previous = table.score;
        const check = (before: Table, after: Table) => {
          const plc = after.placements[0]!;
          const inst = before.instances[plc.idx]!;
          expect(after.score, `seed ${seed}: the reported score is the real one`).toBe(compCV(tableNodes(after)));
          expect(after.score).toBeLessThan(previous);
          previous = after.score;
          // moves off an offline node skip the soft checks, as in Ganeti
          const forced = before.nodes[inst.pNode]!.offline || (inst.sNode >= 0 && before.nodes[inst.sNode]!.offline);
          if (forced) return;
          for (const idx of after.groupNodes) {
            const b = before.nodes[idx]!;
            const a = after.nodes[idx]!;
            if (a === b || a.offline) continue;
            if (a.failN1 && !b.failN1) violations.push(`${a.name} fails N+1 after moving ${inst.name}`);
            if (!policyHealth(a).ok && policyHealth(b).ok) violations.push(`${a.name} breaks its policy after moving ${inst.name}`);
          }
        };
        const fin = balanceGroup(table, defaultAlgorithmOptions, { maxRounds: 15, minScore: tableOptimum(table) + 1e-9, onStep: check });
        expect(violations).toEqual([]);
        expect(fin.score).toBeLessThanOrEqual(table.score);
      }
    });
  }
});
