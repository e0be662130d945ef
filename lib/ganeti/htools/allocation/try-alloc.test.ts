import { describe, expect, it } from "vitest";
import type { ClusterData } from "../cluster-data";
import { createGroup, emptyCluster } from "../cluster-data";
import { finalizeCluster } from "../loader";
import { createNode } from "../node";
import type { Instance } from "../instance";
import { createInstance } from "../instance";
import { clusterStatistics } from "../metrics";
import { loadFixture } from "../testing/fixtures";
import { randomCluster } from "../testing/random-cluster";
import type { FailMode } from "../types";
import { allocateOnPair, allocateOnSingle } from "./primitives";
import { failureStats } from "./solution";
import { genAllocNodes, tryAlloc } from "./try-alloc";
import type { AllocOptions } from "./types";

/** The placement Ganeti's tryAlloc picks without capacity checks, by brute force over the reference primitives. */
function reference(opts: AllocOptions, data: ClusterData, inst: Instance, count: 1 | 2) {
  const targets = genAllocNodes(opts, data.groups, data.nodes, count, false);
  if (!targets.ok) throw new Error(targets.error);
  const failures: Partial<Record<FailMode, number>> = {};
  let best: { nodes: number[]; score: number } | null = null;
  let allocs = 0;
  const consider = (r: ReturnType<typeof allocateOnSingle>) => {
    if (!r.ok) {
      failures[r.fail] = (failures[r.fail] ?? 0) + 1;
      return;
    }
    allocs++;
    if (best === null || !(best.score < r.value.metric)) best = { nodes: r.value.changed.map((n) => n.idx), score: r.value.metric };
  };
  if (targets.value.kind === "single") for (const p of targets.value.nodes) consider(allocateOnSingle(opts, data.nodes, inst, p));
  else {
    const stats = clusterStatistics(data.nodes);
    for (const { p, ss } of targets.value.pairs) for (const s of ss) consider(allocateOnPair(opts, stats, data.nodes, inst, p, s));
  }
  return { failures, allocs, best: best as { nodes: number[]; score: number } | null };
}

const instances = (seed: number): Array<[Instance, 1 | 2]> => [
  [createInstance({ name: `d${seed}`, mem: 1024 + 256 * (seed % 5), dsk: 10240, vcpus: 1 + (seed % 3), diskTemplate: "drbd", tags: ["svc:web"] }), 2],
  [createInstance({ name: `p${seed}`, mem: 2048, dsk: 20480, vcpus: 2, diskTemplate: "plain", tags: ["svc:db"] }), 1],
  [createInstance({ name: `e${seed}`, mem: 512, dsk: 1024, vcpus: 1, diskTemplate: "ext" }), 1],
];

describe("tryAlloc", () => {
  it("picks the same placement, score and failure counts as trying every candidate with the reference primitives", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { data } = randomCluster(seed, { nodes: [2, 24] });
      for (const [inst, count] of instances(seed)) {
        for (const opts of [{ capacityChecks: false }, { capacityChecks: false, ignoreSoftErrors: true }] as AllocOptions[]) {
          const targets = genAllocNodes(opts, data.groups, data.nodes, count, false);
          if (!targets.ok) continue;
          const ours = tryAlloc(opts, data.nodes, data.instances, inst, targets.value);
          const ref = reference(opts, data, inst, count);
          if (!ours.ok) {
            expect(targets.value.kind === "single" ? targets.value.nodes.length : targets.value.pairs.length).toBe(0);
            continue;
          }
          const sol = ours.value;
          expect(failureStats(sol.failures), `seed ${seed} ${inst.name}`).toEqual(ref.failures);
          expect(sol.allocs).toBe(ref.allocs);
          if (ref.best === null) expect(sol.solution).toBeNull();
          else {
            expect(sol.solution?.changed.map((n) => n.idx), `seed ${seed} ${inst.name}`).toEqual(ref.best.nodes);
            expect(sol.solution?.metric).toBe(ref.best.score);
          }
        }
      }
    }
  });

  it("prefers the later candidate when scores tie (hail's rule, unlike hbal's)", () => {
    const raw: ClusterData = {
      ...emptyCluster(),
      groups: [{ ...createGroup({ name: "default", uuid: "g", allocPolicy: "preferred" }), idx: 0 }],
      nodes: Array.from({ length: 6 }, (_, k) => ({
        ...createNode({ name: `node${k}`, tMem: 8192, nMem: 0, fMem: 8192, tDsk: 102400, fDsk: 102400, tCpu: 4, group: 0 }),
        idx: k,
      })),
    };
    const { data } = finalizeCluster(raw);
    const inst = createInstance({ name: "x", mem: 1024, dsk: 1024, vcpus: 1, diskTemplate: "drbd" });
    const targets = genAllocNodes({}, data.groups, data.nodes, 2, false);
    expect(targets.ok).toBe(true);
    if (!targets.ok) return;
    const r = tryAlloc({ capacityChecks: false }, data.nodes, data.instances, inst, targets.value);
    expect(r.ok && r.value.solution?.changed.map((n) => n.idx)).toEqual([5, 4]);
  });

  it("drops placements that break global N+1 redundancy and counts them as FailN1", () => {
    // Ganeti 3.0.2: hail -t plain-n1-restriction.data hail-alloc-ext.json → nodeD, "FailN1: 2"; without checks → nodeA.
    const { data } = loadFixture("plain-n1-restriction.data");
    const inst = createInstance({ name: "instance-new", mem: 1000, dsk: 0, disks: [{ size: 1024, spindles: null }], vcpus: 1, diskTemplate: "ext" });
    const targets = genAllocNodes({}, data.groups, data.nodes, 1, false);
    if (!targets.ok) throw new Error(targets.error);
    const loose = tryAlloc({ capacityChecks: false }, data.nodes, data.instances, inst, targets.value);
    const strict = tryAlloc({}, data.nodes, data.instances, inst, targets.value);
    expect(loose.ok && loose.value.solution?.changed.map((n) => n.name)).toEqual(["nodeA"]);
    expect(strict.ok && strict.value.solution?.changed.map((n) => n.name)).toEqual(["nodeD"]);
    expect(strict.ok && failureStats(strict.value.failures)).toEqual({ FailN1: 2 });
    expect(strict.ok && strict.value.allocs).toBe(2);
  });
});
