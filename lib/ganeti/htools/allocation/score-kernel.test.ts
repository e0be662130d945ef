import { describe, expect, it } from "vitest";
import { createInstance } from "../instance";
import { clusterStatistics, compCV, scoreAfterUpdates, scoreFromStatistics, updateStatistics } from "../metrics";
import { addPriEx, addSec } from "../node-placement";
import { randomCluster } from "../testing/random-cluster";
import { FullScorer, nodeMetricValues, primaryUpdate, scoreWithSecondary, updateStats } from "./score-kernel";

const newInstance = (template: "drbd" | "plain") =>
  createInstance({ name: "new", mem: 512, dsk: 2048, vcpus: 1, diskTemplate: template, tags: ["svc:web"] });

describe("score kernel", () => {
  it("scores a replaced node exactly as recomputing the whole list (compCV)", () => {
    for (let seed = 1; seed <= 15; seed++) {
      const { data } = randomCluster(seed, { nodes: [3, 30] });
      const scorer = new FullScorer(data.nodes);
      const inst = newInstance("plain");
      let checked = 0;
      for (const n of data.nodes) {
        const r = addPriEx(true, n, inst);
        if (!r.ok) continue;
        const list = data.nodes.map((x) => (x.idx === n.idx ? r.value : x));
        expect(scorer.scoreReplacing(n.idx, r.value)).toBe(compCV(list));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it("updates online nodes exactly as metrics.ts does", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { data } = randomCluster(seed, { nodes: [4, 20] });
      const stats = clusterStatistics(data.nodes);
      const inst = newInstance("drbd");
      const online = data.nodes.filter((n) => !n.offline);
      for (const p of online.slice(0, 4)) {
        const newP = addPriEx(true, p, inst);
        if (!newP.ok) continue;
        expect(updateStats(stats, p, newP.value)).toEqual(updateStatistics(stats, p, newP.value));
        for (const s of online) {
          if (s.idx === p.idx) continue;
          const newS = addSec(s, inst, p.idx);
          if (!newS.ok) continue;
          const pu = primaryUpdate(updateStats(stats, p, newP.value));
          const fast = scoreWithSecondary(pu, nodeMetricValues(s), nodeMetricValues(newS.value), false);
          expect(fast).toBe(scoreAfterUpdates(stats, [p, s], [newP.value, newS.value]));
        }
      }
    }
  });

  it("counts an offline node's new instances in the offline components, as Ganeti's updateClusterStatistics", () => {
    const { data } = randomCluster(3, { nodes: 6 });
    const off = { ...data.nodes[1]!, offline: true };
    const nodes = data.nodes.map((n) => (n.idx === off.idx ? off : n));
    const stats = clusterStatistics(nodes);
    const newOff = addSec(off, newInstance("drbd"), 0);
    expect(newOff.ok).toBe(true);
    if (!newOff.ok) return;
    const updated = scoreFromStatistics(updateStats(stats, off, newOff.value));
    // One more instance on an offline node: offline_all_cnt (weight 4) grows by one.
    expect(updated - scoreFromStatistics(stats)).toBeCloseTo(4, 9);
    expect(updated).toBeCloseTo(compCV(nodes.map((n) => (n.idx === off.idx ? newOff.value : n))), 9);
  });
});
