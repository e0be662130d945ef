// hail-n1: hail's global N+1 capacity check (htools/allocation/global-n1.ts `redundant`), the fast simulation against
// the reference it must agree with, and hail's allocation on the embedded cluster core.
//   npm run bench -- hail-n1 [--runs 7] [--ref-runs 3] [--embedded 1000] [--skip-random] [--skip-200]
// Clusters, every node evacuable so the whole check runs:
//   random-40   40 identical nodes (64 GiB, 16 CPUs), ~1,000 instances of 128 MiB–1 GiB, templates drbd 40 %,
//               diskless 25 %, plain 10 %, file 5 %, sharedfile 10 %, ext 10 %, exclusion and location tags
//               (testing/random-cluster.ts, seed 1)
//   random-200  the same mix on 200 nodes, ~5,000 instances, no tags
//   embedded    the real cluster core (testing/cluster-harness.ts): 40 nodes, N diskless 128 MiB instances created
//               round-robin; redundant() on the data hail sees (loadHailCluster), and HailAllocator.allocate() end to
//               end for one more instance (`gnt-instance add -I hail`)
// Reference and fast runs alternate, so both see the same machine load; each pair must give the same answer.
import { parseArgs } from "node:util";
import { redundantFast } from "../lib/ganeti/htools/allocation/global-n1-fast";
import { redundantReference } from "../lib/ganeti/htools/allocation/global-n1-reference";
import type { InstanceList, NodeList } from "../lib/ganeti/htools/allocation/types";
import { randomCluster } from "../lib/ganeti/htools/testing/random-cluster";
import type { DiskTemplate, IPolicy } from "../lib/ganeti/htools/types";
import { DISK_TEMPLATES } from "../lib/ganeti/htools/types";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    "ref-runs": { type: "string", default: "3" },
    embedded: { type: "string", default: "1000" },
    "skip-random": { type: "boolean", default: false },
    "skip-200": { type: "boolean", default: false },
  },
  strict: true,
});
const count = (name: string, min: number): number => {
  const n = Number(args[name as keyof typeof args]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got '${args[name as keyof typeof args]}'`);
  return n;
};
const RUNS = count("runs", 1);
const REF_RUNS = count("ref-runs", 1);
const EMBEDDED = count("embedded", 0);
const BENCH = "hail-n1";

const SMALL_POLICY: IPolicy = {
  minmax: [
    {
      min: { memorySize: 128, cpuCount: 1, diskSize: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 },
      max: { memorySize: 1024, cpuCount: 1, diskSize: 10240, diskCount: 16, nicCount: 8, spindleUse: 12 },
    },
  ],
  std: { memorySize: 512, cpuCount: 1, diskSize: 4096, diskCount: 1, nicCount: 1, spindleUse: 1 },
  diskTemplates: [...DISK_TEMPLATES],
  vcpuRatio: 8,
  spindleRatio: 64,
};
const MIX: ReadonlyArray<readonly [DiskTemplate, number]> = [
  ["drbd", 40],
  ["diskless", 25],
  ["plain", 10],
  ["file", 5],
  ["sharedfile", 10],
  ["ext", 10],
];

function smallInstanceCluster(nodes: number, tags: boolean) {
  const fill = 0.15;
  const c = randomCluster(1, { nodes, groups: 1, fill, offline: 0, sizes: "uniform", policy: SMALL_POLICY, forced: 0, unbalanced: false, tags, templates: MIX });
  return c.data;
}

const figures: Figure[] = [];

/** Alternating reference and fast runs of redundant() on one cluster; both must answer the same. */
function compareRedundant(label: string, nodes: NodeList, instances: InstanceList): void {
  const ref: number[] = [];
  const fast: number[] = [];
  let answer: boolean | null = null;
  const check = (a: boolean) => {
    if (answer !== null && a !== answer) throw new Error(`${label}: the fast check answered ${a}, the reference ${answer}`);
    answer = a;
  };
  for (let k = 0; k < Math.max(RUNS, REF_RUNS); k++) {
    if (k < REF_RUNS) {
      const t = performance.now();
      check(redundantReference({}, nodes, instances));
      ref.push(performance.now() - t);
    }
    if (k < RUNS) {
      const t = performance.now();
      check(redundantFast({}, nodes, instances));
      fast.push(performance.now() - t);
    }
  }
  const speedup = median(ref) / median(fast);
  console.log(
    `${label}: redundant=${answer}  reference median ${ms(median(ref))} p95 ${ms(percentile(ref, 95))}  ` +
      `fast median ${ms(median(fast))} p95 ${ms(percentile(fast, 95))}  ${speedup.toFixed(1)}x`,
  );
  figures.push({ metric: `${label}_redundant_reference_median`, value: median(ref), unit: "ms" });
  figures.push({ metric: `${label}_redundant_fast_median`, value: median(fast), unit: "ms" });
  figures.push({ metric: `${label}_redundant_speedup`, value: speedup, unit: "x" });
}

async function embedded(instances: number): Promise<void> {
  const { createHarness } = await import("../lib/ganeti/testing/cluster-harness");
  const { loadHailCluster } = await import("../lib/ganeti/opcodes/instance/hail-cluster");
  const h = await createHarness();
  try {
    const names = ["node1.example.org", ...(await h.addNodes(39))];
    const t0 = performance.now();
    const jobs: number[] = [];
    for (let i = 0; i < instances; i++) {
      jobs.push(
        await h.master.submit(
          [
            {
              OP_ID: "OP_INSTANCE_CREATE",
              instance_name: `bench-n1-${i}.example.org`,
              disk_template: "diskless",
              disks: [],
              nics: [{}],
              os_type: "noop",
              pnode: names[i % names.length],
              beparams: { memory: 128 },
              name_check: false,
              ip_check: false,
              start: true,
            },
          ],
          "bench",
        ),
      );
    }
    for (const id of jobs) await h.master.waitForJob(id);
    console.log(`embedded: ${names.length} nodes, ${instances} instances created in ${ms(performance.now() - t0)}`);
    const { data } = await loadHailCluster(h.master.config, h.master.rpc, new Map());
    compareRedundant(`embedded_${instances}`, data.nodes, data.instances);
    const request = { name: "bench-n1-extra.example.org", memory: 128, vcpus: 1, diskUsage: 0, needsSecondary: false, diskTemplate: "diskless" as const, disks: [] };
    const times: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      const t = performance.now();
      await h.master.allocator.allocate(h.master.config, h.master.rpc, request);
      times.push(performance.now() - t);
    }
    console.log(`embedded: HailAllocator.allocate() median ${ms(median(times))} p95 ${ms(percentile(times, 95))}`);
    figures.push({ metric: `embedded_${instances}_allocate_median`, value: median(times), unit: "ms" });
  } finally {
    await h.close();
  }
}

if (!args["skip-random"]) {
  const c40 = smallInstanceCluster(40, true);
  console.log(`random-40: ${c40.nodes.length} nodes, ${c40.instances.length} instances`);
  compareRedundant("random40", c40.nodes, c40.instances);
  if (!args["skip-200"]) {
    const c200 = smallInstanceCluster(200, false);
    console.log(`random-200: ${c200.nodes.length} nodes, ${c200.instances.length} instances`);
    compareRedundant("random200", c200.nodes, c200.instances);
  }
}
if (EMBEDDED > 0) await embedded(EMBEDDED);
for (const f of figures) console.log(jsonLine(BENCH, f));
