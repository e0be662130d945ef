import { describe, expect, it } from "vitest";
import { clusterStatistics, scoreAfterUpdates, scoreComponents } from "../metrics";
import type { Node } from "../node";
import { locationExclusionPairs } from "../node";
import { addPriEx, removePri } from "../node-placement";
import { randomCluster } from "../testing/random-cluster";
import { instanceFacts, N1NodeState } from "./n1-node-state";
import { memberSet, SetStatistics } from "./n1-scoring";
import { roughCluster } from "./n1-test-clusters";

const sameBits = (a: number, b: number) => Object.is(a, b);

describe("N+1 scoring from flat records", () => {
  it("computes metrics.ts's statistics of a group bit for bit", () => {
    const differing: string[] = [];
    let groups = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const options = { offline: seed % 2 ? 0.3 : 0 };
      const data = seed % 4 < 2 ? roughCluster(seed, options) : randomCluster(seed, options).data;
      const state = new N1NodeState(data.nodes);
      const stats = new SetStatistics();
      for (const g of new Set(data.nodes.map((n) => n.group))) {
        const members = data.nodes.filter((n) => n.group === g);
        stats.compute(state, memberSet(state, members.map((n) => n.idx)));
        const expected = clusterStatistics(members);
        for (let k = 0; k < 20; k++) {
          const same = sameBits(stats.n[k]!, expected.n[k]!) && sameBits(stats.sum[k]!, expected.sum[k]!) && sameBits(stats.variance[k]!, expected.variance[k]!);
          if (!same) differing.push(`seed ${seed} group ${g} component ${k}: ${stats.sum[k]}/${stats.variance[k]} vs ${expected.sum[k]}/${expected.variance[k]}`);
        }
        const map = scoreComponents(expected).find((c) => c.name === "location_exclusion_score")!.value;
        if (stats.mapBase !== map) differing.push(`seed ${seed} group ${g} map: ${stats.mapBase} vs ${map}`);
        groups++;
      }
    }
    expect(differing).toEqual([]);
    expect(groups).toBeGreaterThan(60);
  });

  it("scores a move off a node onto every target as scoreAfterUpdates does, bit for bit (location-exclusion pairs too)", () => {
    const differing: string[] = [];
    let scored = 0;
    let withPairs = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const options = { nodes: [2, 30] as const, offline: seed % 3 ? 0 : 0.3, fill: 0.3 };
      const data = seed % 2 ? roughCluster(seed, options) : randomCluster(seed, options).data;
      const state = new N1NodeState(data.nodes);
      const stats = new SetStatistics();
      for (const from of data.nodes) {
        // Any primary will do for the arithmetic; prefer one with exclusion tags.
        const own = from.pList.map((i) => data.instances[i]!);
        const inst = own.find((i) => i.exclTags.length > 0) ?? own[0];
        if (!inst) continue;
        const members = data.nodes.filter((n) => n.group === from.group);
        const f = instanceFacts(inst);
        stats.compute(state, memberSet(state, members.map((n) => n.idx)));
        state.removePriTrial(from.idx, f);
        stats.prepare(state.vals, { node: from.idx, next: Float64Array.from(state.trialVals), offline: from.offline });
        const removed = from.offline ? 0 : state.removedPairs(from.idx, f);
        const base = clusterStatistics(members);
        const left = removePri(from, inst);
        for (const to of members) {
          if (to.idx === from.idx) continue;
          const r = addPriEx(true, to, inst);
          if (state.addPriTrial(to.idx, f) !== r.ok) differing.push(`seed ${seed} ${inst.name} on ${to.name}: fits ${!r.ok}, the model says ${r.ok}`);
          if (!r.ok) continue;
          // evacuate.ts's groupScoreAfter: the changed nodes in index order.
          const changed: Array<[Node, Node]> = [[from, left], [to, r.value]];
          changed.sort((a, b) => a[0].idx - b[0].idx);
          const expected = scoreAfterUpdates(base, changed.map((c) => c[0]), changed.map((c) => c[1]));
          const pairs = to.offline ? [] : locationExclusionPairs(to, inst);
          const actual = stats.scoreCandidate(state.vals, to.idx, state.trialVals, to.offline, stats.mapAfterMove(removed, pairs));
          if (!sameBits(actual, expected)) differing.push(`seed ${seed} ${inst.name} ${from.name} → ${to.name}: ${actual} vs ${expected}`);
          scored++;
          if (pairs.length > 0 || removed !== 0) withPairs++;
        }
      }
    }
    expect(differing).toEqual([]);
    expect(scored).toBeGreaterThan(2000);
    expect(withPairs).toBeGreaterThan(200);
  }, 60_000);
});
