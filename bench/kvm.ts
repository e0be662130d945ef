// kvm: how long a kvm guest takes to start, to stop, and to live-migrate, as a job submitted and waited for — Gantry's
// masterd with two real noded on this machine beside real Ganeti 3.0.2 with two nodes on this machine (bench/peer/),
// the same tiny guest on both (128 MiB, 1 vCPU, no NIC, no OS: SeaBIOS's "No bootable device"), QEMU under KVM.
//   npm run bench -- kvm [--samples 10] [--peer-samples N] [--template sharedfile|diskless] [--disk-mb 64]
//     [--no-peer] [--keep-peer]
// Each job is timed from submission until it is seen final through the master's socket (luxi on both sides); after
// each one the QEMU process is checked where it should be (running after startup, gone after shutdown, moved by a
// migration). Ratios are Ganeti's median over Gantry's.
import os from "node:os";
import { parseArgs } from "node:util";
import { benchCleanup } from "./lib/cleanup";
import { GanetiPeer, PEER_NAME } from "./lib/ganeti-peer";
import { migrateTimes, startKvmCluster, startStopTimes, type KvmTemplate } from "./lib/gantry-kvm";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    samples: { type: "string", default: "10" },
    "peer-samples": { type: "string" },
    template: { type: "string", default: "sharedfile" },
    "disk-mb": { type: "string", default: "64" },
    "no-peer": { type: "boolean", default: false },
    "keep-peer": { type: "boolean", default: false },
  },
  strict: true,
});
const int = (name: string, value: string | undefined, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number ≥ ${min}, got '${value}'`);
  return n;
};
const SAMPLES = int("samples", args.samples, 1);
const PEER_SAMPLES = int("peer-samples", args["peer-samples"] ?? args.samples, 1);
if (args.template !== "sharedfile" && args.template !== "diskless") throw new Error("--template: sharedfile or diskless");
const TEMPLATE: KvmTemplate = args.template;
const DISK_MB = int("disk-mb", args["disk-mb"], 1);

const BENCH = "kvm";
type Times = { startup: number[]; shutdown: number[]; migrate: number[] };
type Side = { times: Partial<Times>; failed?: string };
const FIGURES = [
  ["startup", "kvm instance startup (QEMU started paused, then cont)"],
  ["shutdown", "kvm instance shutdown, timeout 0"],
  ["migrate", `live migration between two nodes (${TEMPLATE})`],
] as const;

let stopCluster: (() => Promise<string[]>) | null = null;
let peer: GanetiPeer | null = null;
const say = (line = "") => console.log(line);
/** The machine is shared (2 cores): its load average goes beside each side's figures. */
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`;
const summary = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 95))} (n=${v.length})`;

/** One side's measurements into `times`: a failure keeps what was measured and says why; `finish` always runs. */
async function measureSide(measure: (times: Partial<Times>) => Promise<void>, finish: () => Promise<void>): Promise<Side> {
  const times: Partial<Times> = {};
  try {
    await measure(times);
    return { times };
  } catch (error) {
    return { times, failed: (error as Error).message };
  } finally {
    await finish();
  }
}

function gantrySide(): Promise<Side> {
  return measureSide(async (times) => {
    const t = performance.now();
    const cluster = await startKvmCluster((stop) => (stopCluster = stop));
    const nodes = cluster.nodes.map((n) => `${n.name} at ${n.ip}:${n.port}, ${n.accel}`).join("; ");
    say(`Gantry: masterd pid ${cluster.cluster.pid}, two noded (${nodes}), ready in ${ms(performance.now() - t)}; ${load()}`);
    const guest = { template: TEMPLATE, diskMb: DISK_MB };
    Object.assign(times, await startStopTimes(cluster, { ...guest, name: "kvm-start.example.org" }, SAMPLES));
    times.migrate = await migrateTimes(cluster, { ...guest, name: "kvm-migrate.example.org" }, SAMPLES);
    say(`Gantry measured; ${load()}`);
  }, stopGantry);
}

/** Called by the run and by the signal handler, maybe both at once: each waits for the one stop. */
let gantryStopped: Promise<void> | null = null;
function stopGantry(): Promise<void> {
  return (gantryStopped ??= (async () => {
    if (stopCluster) for (const note of await stopCluster()) say(`Gantry cleanup: ${note}`);
  })());
}

async function peerSide(): Promise<Side | null> {
  if (args["no-peer"]) {
    say(`Peer ${PEER_NAME} did not run: --no-peer`);
    return null;
  }
  const prepared = await GanetiPeer.prepare("kvm");
  if (typeof prepared === "string") {
    say(`Peer ${PEER_NAME} did not run: ${prepared}`);
    return null;
  }
  peer = prepared;
  say(`Peer: ${peer.version}, node1 and node2 (netns gnt and gnt2) with the kvm hypervisor (${peer.wasUp ? "already up" : "brought up for this run"}); ${load()}`);
  const ganeti = peer;
  return measureSide(async (times) => {
    const guest = { template: TEMPLATE, diskMb: DISK_MB };
    const { startup, shutdown, accel } = await ganeti.kvmStartStop({ ...guest, name: "bench-kvm-start.gnt.test" }, PEER_SAMPLES);
    Object.assign(times, { startup, shutdown });
    say(`Peer: its QEMU ran with ${accel}`);
    times.migrate = (await ganeti.kvmMigrate({ ...guest, name: "bench-kvm-migrate.gnt.test" }, PEER_SAMPLES)).migrate;
    say(`Peer measured; ${load()}`);
  }, finishPeer);
}

let peerFinished: Promise<void> | null = null;
function finishPeer(): Promise<void> {
  if (!peer) return peerFinished ?? Promise.resolve();
  const p = peer;
  peer = null;
  return (peerFinished = p.finish(args["keep-peer"]).then(say));
}

function compare(gantry: Side, ganeti: Side | null): Figure[] {
  const figures: Figure[] = [];
  say();
  say(`kvm guest (128 MiB, 1 vCPU, no NIC, no OS, ${TEMPLATE === "sharedfile" ? `${DISK_MB} MiB sharedfile disk` : "diskless"}), job submitted and waited for through the master's luxi socket:`);
  if (gantry.failed) say(`  Gantry did not finish: ${gantry.failed}`);
  if (ganeti?.failed) say(`  Ganeti did not finish: ${ganeti.failed}`);
  for (const [key, label] of FIGURES) {
    const g = gantry.times[key];
    const p = ganeti?.times[key];
    if (!g?.length && !p?.length) continue;
    say(`  ${label}`);
    say(`    gantry         ${g?.length ? summary(g) : "not measured"}`);
    say(`    ${PEER_NAME.padEnd(14)} ${p?.length ? summary(p) : "not measured"}`);
    const peerFields = (value: number) => (p?.length ? { peer: PEER_NAME, peerValue: value } : {});
    if (g?.length) {
      figures.push(
        { metric: `${key}_median`, value: median(g), unit: "ms", ...peerFields(median(p ?? [])) },
        { metric: `${key}_p95`, value: percentile(g, 95), unit: "ms", ...peerFields(percentile(p ?? [], 95)) },
      );
    }
    if (g?.length && p?.length) {
      const ratio = median(p) / median(g);
      say(`    ratio Ganeti / Gantry (medians) ${ratio.toFixed(2)}×`);
      figures.push({ metric: `${key}_ratio_ganeti_over_gantry`, value: ratio, unit: "x" });
    }
  }
  return figures;
}

const cleanup = benchCleanup(() => stopGantry(), () => finishPeer());

async function main(): Promise<void> {
  const gantry = await gantrySide();
  const ganeti = await peerSide();
  const figures = compare(gantry, ganeti);
  say();
  for (const f of figures) say(jsonLine(BENCH, f));
  if (gantry.failed || ganeti?.failed) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(`${BENCH}: ${(error as Error).stack ?? error}`);
  await cleanup();
  process.exit(1);
});
