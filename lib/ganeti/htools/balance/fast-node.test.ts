import { describe, expect, it } from "vitest";
import { NO_SECONDARY } from "../instance";
import type { Node } from "../node";
import { addPriEx, addSecEx } from "../node-placement";
import { randomCluster } from "../testing/random-cluster";
import { addPriVector, addSecVector, FAST_PATH_AVAILABLE, fastPathApplies } from "./fast-node";
import { nodeVector } from "./scorer";

// The fast path must agree with the model value for value: any drift would make hbal miss or misjudge moves.
describe("fast node updates", () => {
  it("knows the model's score components", () => {
    expect(FAST_PATH_AVAILABLE).toBe(true);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`agree with addPriEx / addSecEx on random cluster ${seed}`, () => {
      const { data } = randomCluster(seed, { nodes: [6, 16], forced: 0.1 });
      const out = new Float64Array(20);
      const mismatches: string[] = [];
      const same = (a: Float64Array, b: Float64Array) => a.every((v, k) => Object.is(v, b[k]));
      let compared = 0;
      for (const inst of data.instances) {
        for (const n of data.nodes) {
          if (n.idx === inst.pNode || n.idx === inst.sNode || !fastPathApplies(n, inst)) continue;
          const base = nodeVector(n);
          for (const force of [false, true]) {
            const pri = addPriEx(force, n, inst);
            const okP = addPriVector(force, n, inst, base, out);
            if (okP !== pri.ok || (pri.ok && !same(out, nodeVector(pri.value as Node)))) mismatches.push(`${inst.name} primary on ${n.name}, force ${force}`);
            for (const pdx of [inst.pNode, inst.sNode === NO_SECONDARY ? inst.pNode : inst.sNode]) {
              const sec = addSecEx(force, n, inst, pdx);
              const okS = addSecVector(force, n, inst, pdx, base, out);
              if (okS !== sec.ok || (sec.ok && !same(out, nodeVector(sec.value)))) mismatches.push(`${inst.name} secondary on ${n.name}, force ${force}`);
            }
            compared++;
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    });
  }
});
