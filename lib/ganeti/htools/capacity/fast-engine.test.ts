import { describe, expect, it } from "vitest";
import { applyElement } from "../allocation/global-n1";
import type { AllocSolution } from "../allocation/solution";
import { genAllocNodes } from "../allocation/try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { parseSimulation } from "../backends/simulate";
import type { ClusterData } from "../cluster-data";
import { finalizeCluster } from "../loader";
import { clusterStatistics } from "../metrics";
import { nodeMetricValues } from "../allocation/score-kernel";
import { loadFixture } from "../testing/fixtures";
import type { DiskTemplate } from "../types";
import { referenceEngine } from "./engine";
import { fastEngine, statisticsFromValues } from "./fast-engine";
import type { RSpec } from "./rspec";
import { instFromSpec } from "./rspec";

const summary = (s: AllocSolution) => ({
  failures: s.failures,
  allocs: s.allocs,
  placement: s.solution && { p: s.solution.inst.pNode, s: s.solution.inst.sNode, metric: s.solution.metric },
});

/** Fills the cluster with `spec` and checks at every step that both engines make the same decision. */
function compareFill(data: ClusterData, spec: RSpec, template: DiskTemplate, maxSteps: number): number {
  const opts: AllocOptions = { capacityChecks: false };
  const targets = genAllocNodes(opts, data.groups, data.nodes, template === "drbd" ? 2 : 1, true);
  if (!targets.ok) throw new Error(targets.error);
  const ref = referenceEngine(targets.value);
  const fast = fastEngine(targets.value);
  let nodes: NodeList = data.nodes;
  let instances: InstanceList = data.instances;
  const base = instFromSpec(spec, template, 1);
  let step = 0;
  for (; step < maxSteps; step++) {
    const inst = { ...base, name: `new-${step}`, idx: instances.length };
    const a = ref.tryAlloc(opts, nodes, instances, inst);
    const b = fast.tryAlloc(opts, nodes, instances, inst);
    expect(b.ok).toBe(a.ok);
    if (!a.ok || !b.ok) break;
    expect(summary(b.value)).toEqual(summary(a.value));
    // The outcome (what the shrinking looks at) agrees too.
    const o = fast.tryAllocOutcome(opts, nodes, instances, inst);
    expect(o.ok && o.value.failures).toEqual(a.value.failures);
    expect(o.ok && o.value.solution !== null).toBe(a.value.solution !== null);
    if (!a.value.solution) break;
    ({ nodes, instances } = applyElement(instances, a.value.solution));
  }
  return step;
}

const simulated = (...specs: string[]) => finalizeCluster(parseSimulation(specs)).data;

describe("fast allocation engine", () => {
  it("decides like the reference tryAlloc while filling a DRBD cluster", () => {
    expect(compareFill(simulated("p,12,8T,64g,16"), { cpu: 1, mem: 128, dsk: 1024, spn: 1 }, "drbd", 400)).toBeGreaterThan(150);
  });

  it("decides like the reference with large instances, several groups and memory-bound nodes", () => {
    const data = simulated("p,5,2T,96g,8", "a,4,1T,64g,16", "p,3,500g,48g,8");
    expect(compareFill(data, { cpu: 4, mem: 8192, dsk: 65536, spn: 1 }, "drbd", 200)).toBeGreaterThan(10);
  });

  it("decides like the reference on a cluster with existing DRBD instances", () => {
    const { data } = loadFixture("hbal-evac.data");
    compareFill(data, { cpu: 1, mem: 512, dsk: 1024, spn: 1 }, "drbd", 100);
  });

  it("computes the cluster statistics as metrics.ts does", () => {
    const { data } = loadFixture("hbal-evac.data");
    expect(statisticsFromValues(data.nodes, (n) => nodeMetricValues(n))).toEqual(clusterStatistics(data.nodes));
  });
});
