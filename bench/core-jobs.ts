// core-jobs: job latency and throughput of Gantry's cluster core on the fake hypervisor with virtual nodes, through a
// real masterd and its luxi socket, against real Ganeti 3.0.2 in a network namespace (bench/peer/).
//   npm run bench -- core-jobs [--samples 30] [--bulk 1000] [--total 10000] [--nodes 40] [--placement hail|round-robin]
//     [--settle 30] [--peer-samples 30] [--peer-rapi-samples 10] [--peer-bulk 100] [--no-peer] [--keep-peer]
//     [--cpu-prof DIR]   (masterd's CPU profile, written when it stops)
// Targets (from the issue): each single-operation median ≥ 20× faster than Ganeti; masterd < 300 MB RSS with 10,000
// instances.
import { parseArgs } from "node:util";
import { startCluster, type BenchCluster } from "./lib/gantry-cluster";
import { createBurst, fillAndMeasure, singleOps, type PlacementMode } from "./lib/gantry-phases";
import { GanetiPeer, PEER_NAME, type BulkTimes, type SingleTimes } from "./lib/ganeti-peer";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";
import { benchCleanup } from "./lib/cleanup";

const { values: args } = parseArgs({
  options: {
    samples: { type: "string", default: "30" },
    bulk: { type: "string", default: "1000" },
    total: { type: "string", default: "10000" },
    nodes: { type: "string", default: "40" },
    placement: { type: "string", default: "hail" },
    "peer-samples": { type: "string" },
    "peer-rapi-samples": { type: "string", default: "10" },
    "peer-bulk": { type: "string", default: "100" },
    "no-peer": { type: "boolean", default: false },
    "keep-peer": { type: "boolean", default: false },
    settle: { type: "string", default: "30" },
    "cpu-prof": { type: "string" },
  },
  strict: true,
});
const int = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number, got '${value}'`);
  return n;
};
const SAMPLES = int("samples", args.samples);
const BULK = int("bulk", args.bulk);
const TOTAL = int("total", args.total);
const NODES = Math.max(1, int("nodes", args.nodes));
const PEER_SAMPLES = int("peer-samples", args["peer-samples"] ?? args.samples);
const PEER_RAPI_SAMPLES = int("peer-rapi-samples", args["peer-rapi-samples"]);
const PEER_BULK = int("peer-bulk", args["peer-bulk"]);
if (args.placement !== "hail" && args.placement !== "round-robin") throw new Error("--placement: hail or round-robin");
const PLACEMENT: PlacementMode = args.placement;
const SETTLE_S = int("settle", args.settle);

const BENCH = "core-jobs";
const OPS = [
  ["create", "instance add (diskless, OS noop, started)"],
  ["shutdown", "instance shutdown"],
  ["startup", "instance startup"],
  ["remove", "instance remove"],
] as const;
const figures: Figure[] = [];
let cluster: BenchCluster | null = null;
let peer: GanetiPeer | null = null;

const say = (line = "") => console.log(line);
const summary = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 95))} (n=${v.length})`;

async function gantrySide(): Promise<{ single: SingleTimes }> {
  const t = performance.now();
  cluster = await startCluster({ nodes: NODES, cpuProfDir: args["cpu-prof"] });
  say(`Gantry: masterd pid ${cluster.pid}, state ${cluster.stateDir}, ${NODES} virtual nodes (64 GiB, 16 CPUs each), ready in ${ms(performance.now() - t)}; RSS ${cluster.memory().rssMb.toFixed(1)} MB`);

  const single = await singleOps(cluster, SAMPLES);
  say(`Gantry single operations, one job at a time through the socket (${SAMPLES} samples, pnode given round-robin):`);
  for (const [key, label] of OPS) say(`  ${label.padEnd(44)} ${summary(single[key])}`);

  if (BULK > 0) {
    const burst = await createBurst(cluster, "bulk", BULK, PLACEMENT);
    const rate = BULK / (burst.wallMs / 1000);
    say(`Gantry ${BULK} creates across ${NODES} nodes, one SubmitManyJobs, placement ${PLACEMENT === "hail" ? "-I hail" : "round-robin pnode"}:`);
    say(`  wall ${ms(burst.wallMs)}, ${rate.toFixed(1)} jobs/s (the SubmitManyJobs request alone took ${ms(burst.submitMs)}); masterd RSS ${cluster.memory().rssMb.toFixed(1)} MB`);
    say(`  per-job latency (received→end, as the master stamped them) ${summary(burst.latenciesMs)}`);
    figures.push(
      { metric: `create_${BULK}_wall`, value: burst.wallMs / 1000, unit: "s" },
      { metric: `create_${BULK}_throughput`, value: rate, unit: "jobs/s" },
      { metric: `create_${BULK}_latency_median`, value: median(burst.latenciesMs), unit: "ms" },
      { metric: `create_${BULK}_latency_p95`, value: percentile(burst.latenciesMs, 95), unit: "ms" },
    );
  }

  if (TOTAL > 0) {
    // Always placed round-robin: hail keeps Ganeti's vCPU ratio (4 per physical CPU by default), so 10,000 one-vCPU
    // instances do not fit 40 nodes of 16 CPUs through it; and the memory figure is about masterd, not placement.
    const fill = await fillAndMeasure(cluster, TOTAL, BULK, "round-robin", SETTLE_S * 1000);
    const jobs = BULK + fill.created + SAMPLES * 4 + NODES - 1;
    say(`Gantry memory with ${fill.instances} instances (${fill.created} more created in one SubmitManyJobs, pnode round-robin: ${ms(fill.wallMs)}, ${(fill.created / (fill.wallMs / 1000)).toFixed(1)} jobs/s; the request alone ${ms(fill.submitMs)}):`);
    say(`  masterd VmRSS ${fill.settled.rssMb.toFixed(1)} MB after ${SETTLE_S} s idle; ${fill.memory.rssMb.toFixed(1)} MB right after the burst; peak VmHWM ${fill.settled.peakMb.toFixed(1)} MB (its ${jobs} finished jobs still queued)`);
    say(`  target < 300 MB: ${fill.settled.rssMb < 300 ? "met" : "NOT met"} after ${SETTLE_S} s idle, ${fill.memory.rssMb < 300 ? "met" : "NOT met"} right after the burst`);
    figures.push(
      { metric: `fill_${TOTAL}_wall`, value: fill.wallMs / 1000, unit: "s" },
      { metric: `masterd_rss_${TOTAL}_instances`, value: fill.settled.rssMb, unit: "MB" },
      { metric: `masterd_rss_${TOTAL}_instances_after_burst`, value: fill.memory.rssMb, unit: "MB" },
      { metric: `masterd_peak_rss_${TOTAL}_instances`, value: fill.settled.peakMb, unit: "MB" },
    );
  }
  await stopGantry();
  return { single };
}

async function stopGantry(): Promise<void> {
  const c = cluster;
  cluster = null;
  if (c) await c.stop();
  if (c && args["cpu-prof"]) say(`masterd CPU profile written to ${args["cpu-prof"]}`);
}

async function peerSide(): Promise<{ luxi: SingleTimes; rapi: SingleTimes | null; bulk: BulkTimes | null } | null> {
  if (args["no-peer"]) {
    say(`Peer ${PEER_NAME} did not run: --no-peer`);
    return null;
  }
  const prepared = await GanetiPeer.prepare();
  if (typeof prepared === "string") {
    say(`Peer ${PEER_NAME} did not run: ${prepared}`);
    return null;
  }
  peer = prepared;
  say(`Peer: ${peer.version}, one-node cluster with the fake hypervisor in netns gnt (${peer.wasUp ? "already up" : "brought up for this run"})`);
  try {
    const luxi = await peer.single("luxi", PEER_SAMPLES, "bench-l");
    const rapi = PEER_RAPI_SAMPLES > 0 ? await peer.single("rapi", PEER_RAPI_SAMPLES, "bench-r") : null;
    const bulk = PEER_BULK > 0 ? await peer.bulk(PEER_BULK, "bench-b") : null;
    return { luxi, rapi, bulk };
  } finally {
    await finishPeer();
  }
}

async function finishPeer(): Promise<void> {
  const p = peer;
  peer = null;
  if (p) say(await p.finish(args["keep-peer"]));
}

function compare(gantry: SingleTimes, ganeti: Awaited<ReturnType<typeof peerSide>>): void {
  say();
  say(`Single operations, job submitted and waited for (Gantry through masterd's socket; Ganeti through its luxi socket and RAPI):`);
  const singles: Figure[] = [];
  for (const [key, label] of OPS) {
    const g = gantry[key];
    say(`  ${label}`);
    say(`    gantry              ${summary(g)}`);
    const peerTimes = ganeti?.luxi[key];
    if (ganeti && peerTimes) {
      say(`    ganeti-3.0.2 luxi   ${summary(peerTimes)}`);
      if (ganeti.rapi) say(`    ganeti-3.0.2 RAPI   ${summary(ganeti.rapi[key])}`);
      const factor = median(peerTimes) / median(g);
      say(`    speed-up (median, luxi) ${factor.toFixed(1)}× — target ≥ 20×: ${factor >= 20 ? "met" : "NOT met"}`);
    }
    const peerFields = (value: number) => (ganeti && peerTimes ? { peer: PEER_NAME, peerValue: value } : {});
    singles.push(
      { metric: `instance_${key}_median`, value: median(g), unit: "ms", ...peerFields(median(peerTimes ?? [])) },
      { metric: `instance_${key}_p95`, value: percentile(g, 95), unit: "ms", ...peerFields(percentile(peerTimes ?? [], 95)) },
    );
  }
  figures.unshift(...singles);
  const bulk = ganeti?.bulk;
  if (bulk && BULK > 0) {
    const rate = bulk.latencies_ms.length / (bulk.wall_ms / 1000);
    const scaled = (bulk.wall_ms / 1000) * (BULK / PEER_BULK);
    say(`Ganeti ${PEER_BULK} creates (one node, pnode given, one SubmitManyJobs; ${bulk.failed} failed): wall ${ms(bulk.wall_ms)}, ${rate.toFixed(2)} jobs/s; per-job latency (received→end) ${summary(bulk.latencies_ms)}`);
    if (PEER_BULK !== BULK) {
      say(`  scaled linearly to ${BULK} creates: ~${scaled.toFixed(0)} s (the JSON peer_value of create_${BULK}_wall is this estimate). Fewer on`);
      say(`  Ganeti because its one node runs creates one at a time (node lock) and its fake hypervisor counts started`);
      say(`  instances against the host's real RAM, so ${BULK} × 128 MiB would not fit; change with --peer-bulk`);
    }
    for (const f of figures) {
      if (f.metric === `create_${BULK}_wall`) Object.assign(f, { peer: PEER_NAME, peerValue: scaled });
      if (f.metric === `create_${BULK}_throughput`) Object.assign(f, { peer: PEER_NAME, peerValue: rate });
      if (PEER_BULK === BULK && f.metric === `create_${BULK}_latency_median`) Object.assign(f, { peer: PEER_NAME, peerValue: median(bulk.latencies_ms) });
      if (PEER_BULK === BULK && f.metric === `create_${BULK}_latency_p95`) Object.assign(f, { peer: PEER_NAME, peerValue: percentile(bulk.latencies_ms, 95) });
    }
  }
}

const cleanup = benchCleanup(() => stopGantry(), () => finishPeer());

async function main(): Promise<void> {
  const { single } = await gantrySide();
  let ganeti: Awaited<ReturnType<typeof peerSide>> = null;
  try {
    ganeti = await peerSide();
  } catch (error) {
    say(`Peer ${PEER_NAME} did not finish: ${(error as Error).message}`);
  }
  compare(single, ganeti);
  say();
  for (const f of figures) say(jsonLine(BENCH, f));
}

main().catch(async (error) => {
  console.error(`${BENCH}: ${(error as Error).stack ?? error}`);
  await cleanup();
  process.exit(1);
});
