// console: the browser console's proxy (issue 8) against a direct VNC connection and against Debian's websockify
// proxying the same VNC servers, in the same run:
//   npm run bench -- console [--sessions 200] [--vms 20] [--rounds 3] [--samples 200] [--load-samples 30] [--seconds 10]
//                            [--cpu-prof DIR]   (the server's CPU profile, written when it stops)
// The real server (`tsx server.ts`, production build) runs its embedded demo cluster on a temp data directory; the
// bench adds --vms running fake instances through the cluster's RAPI, each with its VNC console server in masterd
// (RFB 3.8, VNC authentication, a 640x400 text screen in raw encoding, 32 bits per pixel). --sessions viewers (10 per
// console by default) reach those servers three ways:
//   - direct: TCP to the console server, RFB with VNC authentication (the cluster's password);
//   - proxy: a one-time token from POST /api/instances/C/NAME/console (bench users, cluster admins, signed in, 50
//     consoles each), then the WebSocket /console/ws?token=… with the session cookie and the page's Origin, RFB with
//     security None (the proxy authenticates to the VNC server itself);
//   - websockify: one `websockify --token-plugin TokenFile` for all the console servers (?token=VM), a process per
//     connection as it does by default; WebSocket (binary), RFB with VNC authentication.
// Each round opens all sessions of one path one after the other (set-up time: token + WebSocket + handshake for the
// proxy, connection + handshake for the others), then measures
//   - the relay's CPU for 5 s with every session open and idle (for the proxy, mostly its permission re-checks), 3 s
//     after the last one opened;
//   - echo latency (bench/lib/console-phases.ts) on one session, --samples in a row, the other sessions idle;
//   - echo latency under load: one typist per console (--load-samples each) while every other session watches;
//   - throughput: every session asks for full screens (1 MB each), one request outstanding, for --seconds after 2 s
//     of warm-up; total and per-session MB/s (MB = 10^6 bytes) and the time per full update; CPU time of masterd (the
//     VNC servers), of the relay (the server's process group, or websockify's; user and kernel), and of the viewers;
// and closes them. The paths take turns, in a different order each round, so the machine's other work (this machine
// has 2 cores, shared) falls on all three alike; figures pool the rounds.
// Targets (issue 8): the proxy's throughput ≥ websockify's; the proxy's added median echo latency over direct < 1 ms.
// The VNC servers are the fake instances' (the issue's "same VNC server"): they encode every update in JavaScript in
// masterd, so the direct path's throughput is their ceiling, and a relay's throughput is what it leaves of it.
import os from "node:os";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { wholeNumber } from "./lib/args";
import { benchCleanup } from "./lib/cleanup";
import { consoleTokenPath, startConsoleGantry, type ConsoleGantry } from "./lib/console-gantry";
import { echoesUnderLoad, fullScreens, sequentialEchoes, type Throughput } from "./lib/console-phases";
import { cpuSeconds, cpuSince, groupCpu, NO_CPU, ownCpu, processCpu, type CpuTime } from "./lib/proc-cpu";
import { BenchViewer, tcpTransport, wsTransport } from "./lib/rfb-viewer";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";
import { ensureWebsockify, startWebsockify, websockifyVersion, type Websockify } from "./lib/websockify";

const { values: args } = parseArgs({
  options: {
    sessions: { type: "string", default: "200" },
    vms: { type: "string", default: "20" },
    rounds: { type: "string", default: "3" },
    samples: { type: "string", default: "200" },
    "load-samples": { type: "string", default: "30" },
    seconds: { type: "string", default: "10" },
    "cpu-prof": { type: "string" },
  },
  strict: true,
});
const SESSIONS = wholeNumber("sessions", args.sessions);
const VMS = Math.min(SESSIONS, wholeNumber("vms", args.vms));
const ROUNDS = wholeNumber("rounds", args.rounds);
const SAMPLES = wholeNumber("samples", args.samples);
const LOAD_SAMPLES = wholeNumber("load-samples", args["load-samples"]);
const SECONDS = wholeNumber("seconds", args.seconds);
const WARM_UP_MS = 2000;
const SETTLE_MS = 3000;
const IDLE_MS = 5000;
/** Under load, each console's typist sends a key and its Backspace this often: 5 keys a second, fast typing. */
const TYPING_INTERVAL_MS = 400;
const BENCH = "console";
const MB = 1e6;
const ADDED_LATENCY_TARGET_MS = 1;

type PathName = "direct" | "proxy" | "websockify";
/** `tokenMs` notes how long the proxy's token request took of a set-up. */
type Path = { name: PathName; open(session: number, tokenMs: number[]): Promise<BenchViewer>; relayCpu(): CpuTime };
type Cpu = { masterd: CpuTime; relay: CpuTime; viewers: CpuTime };
type Tally = { setupMs: number[]; tokenMs: number[]; echoMs: number[]; loadEchoMs: number[]; idle: Array<{ seconds: number; relay: CpuTime }>; runs: Array<Throughput & { cpu: Cpu }> };

let gantry: ConsoleGantry | null = null;
let websockify: Websockify | null = null;
const cleanup = benchCleanup(
  async () => {
    const g = gantry;
    gantry = null;
    await g?.stop();
  },
  async () => {
    const w = websockify;
    websockify = null;
    await w?.stop();
  },
);
const say = (line = "") => console.log(line);
const summary = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 95))} (n=${v.length})`;

function paths(g: ConsoleGantry, w: Websockify): Path[] {
  const vmOf = (session: number) => g.vms[session % g.vms.length]!;
  const wsBase = g.base.replace(/^http/, "ws");
  return [
    {
      name: "direct",
      open: async (session) => {
        const target = g.targets.get(vmOf(session))!;
        return BenchViewer.open(await tcpTransport(target.host, target.port), g.vncPassword);
      },
      relayCpu: () => NO_CPU,
    },
    {
      name: "proxy",
      open: async (session, tokenMs) => {
        const cookie = g.users[Math.floor(session / g.perUser)]!;
        const start = performance.now();
        const path = await consoleTokenPath(g, vmOf(session), cookie);
        tokenMs.push(performance.now() - start);
        // No password: the proxy offers security type None, and the bench fails if it asked for one.
        return BenchViewer.open(await wsTransport(`${wsBase}${path}`, { origin: g.base, cookie }), "");
      },
      relayCpu: () => groupCpu(g.serverPgid),
    },
    {
      name: "websockify",
      open: async (session) => BenchViewer.open(await wsTransport(w.url(vmOf(session))), g.vncPassword),
      relayCpu: () => groupCpu(w.pgid),
    },
  ];
}

async function round(g: ConsoleGantry, path: Path, tally: Tally): Promise<void> {
  const viewers: BenchViewer[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) {
      const start = performance.now();
      viewers.push(await path.open(i, tally.tokenMs));
      tally.setupMs.push(performance.now() - start);
    }
    // What the relay costs with every session open and nothing flowing (for the proxy: its permission checks), once
    // the work of opening them is done.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const idleFrom = { at: performance.now(), relay: path.relayCpu() };
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    tally.idle.push({ seconds: (performance.now() - idleFrom.at) / 1000, relay: cpuSince(idleFrom.relay, path.relayCpu()) });
    tally.echoMs.push(...(await sequentialEchoes(viewers[0]!, SAMPLES)));
    tally.loadEchoMs.push(...(await echoesUnderLoad(viewers.slice(0, VMS), viewers.slice(VMS), LOAD_SAMPLES, TYPING_INTERVAL_MS)));
    const cpu = (): Cpu => ({ masterd: processCpu(g.masterdPid), relay: path.relayCpu(), viewers: ownCpu() });
    let before: Cpu = { masterd: NO_CPU, relay: NO_CPU, viewers: NO_CPU };
    let after: Cpu = before;
    const window: bigint[] = [];
    const run = await fullScreens(viewers, WARM_UP_MS, SECONDS, (edge) => {
      window.push(process.hrtime.bigint() / 1000n);
      if (edge === "open") before = cpu();
      else after = cpu();
    });
    // A CPU profile's sample times are on the same monotonic clock, in µs: this picks the streaming out of it.
    if (args["cpu-prof"]) say(`  ${path.name}: streamed from ${window[0]} to ${window[1]} µs (monotonic clock, as the CPU profile's)`);
    tally.runs.push({ ...run, cpu: { masterd: cpuSince(before.masterd, after.masterd), relay: cpuSince(before.relay, after.relay), viewers: cpuSince(before.viewers, after.viewers) } });
    const mbs = run.bytes / MB / run.seconds;
    say(`  ${path.name.padEnd(10)} set-up ${ms(median(tally.setupMs.slice(-SESSIONS)))} · echo ${ms(median(tally.echoMs.slice(-SAMPLES)))} · under load ${ms(median(tally.loadEchoMs.slice(-VMS * LOAD_SAMPLES)))} · ${mbs.toFixed(1)} MB/s`);
  } finally {
    await Promise.all(viewers.map((v) => v.close().catch(() => undefined)));
  }
}

async function main(): Promise<void> {
  ensureWebsockify();
  const build = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("the production build failed");

  gantry = await startConsoleGantry({ vms: VMS, sessions: SESSIONS, cpuProfDir: args["cpu-prof"], log: say });
  websockify = await startWebsockify(gantry.targets);
  say(`server: ${gantry.base}, ${VMS} consoles, ${SESSIONS} sessions per path (${Math.ceil(SESSIONS / VMS)} per console), ${gantry.users.length} users; websockify ${websockifyVersion()} on port ${websockify.port}`);

  const all = paths(gantry, websockify);
  const tallies = new Map<PathName, Tally>(all.map((p) => [p.name, { setupMs: [], tokenMs: [], echoMs: [], loadEchoMs: [], idle: [], runs: [] }]));
  for (let r = 0; r < ROUNDS; r++) {
    say(`round ${r + 1} of ${ROUNDS} (load average ${loadAverage()}):`);
    for (let k = 0; k < all.length; k++) {
      const path = all[(r + k) % all.length]!;
      await round(gantry, path, tallies.get(path.name)!);
    }
  }
  report(tallies);
}

function report(tallies: Map<PathName, Tally>): void {
  const t = (name: PathName) => tallies.get(name)!;
  const pooled = (name: PathName) => {
    const runs = t(name).runs;
    const bytes = runs.reduce((a, r) => a + r.bytes, 0);
    const seconds = runs.reduce((a, r) => a + r.seconds, 0);
    const cpu = (key: keyof Cpu) => runs.reduce((a, r) => a + cpuSeconds(r.cpu[key]), 0);
    const relaySystem = runs.reduce((a, r) => a + r.cpu.relay.system, 0);
    const idle = t(name).idle;
    const idleShare = idle.reduce((a, i) => a + cpuSeconds(i.relay), 0) / idle.reduce((a, i) => a + i.seconds, 0);
    const chunks = runs.reduce((a, r) => a + r.chunks, 0);
    return {
      mbs: bytes / MB / seconds,
      perSession: runs.flatMap((r) => r.perViewer.map((b) => b / MB / r.seconds)),
      updateMs: runs.flatMap((r) => r.updateMs),
      cpuPercent: (key: keyof Cpu) => (100 * cpu(key)) / seconds,
      relayMsPerMb: (1000 * cpu("relay")) / (bytes / MB),
      relaySystemMsPerMb: (1000 * relaySystem) / (bytes / MB),
      chunkKb: bytes / chunks / 1024,
      idlePercent: 100 * idleShare,
      /** The relay's CPU per MB beyond what it spends with the sessions idle. */
      marginalMsPerMb: (1000 * (cpu("relay") - idleShare * seconds)) / (bytes / MB),
    };
  };
  say();
  for (const name of ["direct", "proxy", "websockify"] as const) {
    const p = pooled(name);
    say(`${name}:`);
    say(`  session set-up: ${summary(t(name).setupMs)}${name === "proxy" ? `; of which the token request: ${summary(t(name).tokenMs)}` : ""}`);
    say(`  echo latency, one session: ${summary(t(name).echoMs)}`);
    say(`  echo latency, ${VMS} typists while all ${SESSIONS} sessions watch: ${summary(t(name).loadEchoMs)}`);
    say(`  throughput, ${SESSIONS} sessions: ${p.mbs.toFixed(1)} MB/s in all; per session median ${median(p.perSession).toFixed(2)} MB/s; full update ${summary(p.updateMs)}`);
    say(`  received in pieces of ${p.chunkKb.toFixed(1)} KiB on average (${name === "direct" ? "TCP reads" : "WebSocket messages"})`);
    const relay = name === "direct" ? "" : `, relay ${p.cpuPercent("relay").toFixed(0)} % (${p.relayMsPerMb.toFixed(2)} ms per MB, ${p.relaySystemMsPerMb.toFixed(2)} of it in the kernel; ${p.idlePercent.toFixed(1)} % with the sessions open and idle, ${p.marginalMsPerMb.toFixed(2)} ms per MB beyond that)`;
    say(`  CPU while streaming: masterd (VNC servers) ${p.cpuPercent("masterd").toFixed(0)} %${relay}, bench viewers ${p.cpuPercent("viewers").toFixed(0)} %`);
  }

  const [direct, proxy, peer] = (["direct", "proxy", "websockify"] as const).map(pooled) as [ReturnType<typeof pooled>, ReturnType<typeof pooled>, ReturnType<typeof pooled>];
  const echo = (name: PathName) => median(t(name).echoMs);
  const addedProxy = echo("proxy") - echo("direct");
  const addedPeer = echo("websockify") - echo("direct");
  say();
  say(`added median echo latency over direct: proxy ${ms(addedProxy)}, websockify ${ms(addedPeer)} — target < ${ADDED_LATENCY_TARGET_MS} ms: ${addedProxy < ADDED_LATENCY_TARGET_MS ? "met" : "NOT met"}`);
  say(`throughput: proxy ${proxy.mbs.toFixed(1)} MB/s, websockify ${peer.mbs.toFixed(1)} MB/s, direct ${direct.mbs.toFixed(1)} MB/s — target proxy ≥ websockify: ${proxy.mbs >= peer.mbs ? "met" : "NOT met"}`);
  say(`(2 shared cores: masterd's VNC servers, the relay and the bench's ${SESSIONS} viewers run on the same two, beside other work; load average now ${loadAverage()})`);
  say();

  const vs = (metric: string, unit: string, mine: number, theirs: number): Figure => ({ metric, value: mine, unit, peer: "websockify", peerValue: theirs });
  const figures: Figure[] = [
    { metric: "sessions", value: SESSIONS, unit: "sessions" },
    vs("throughput_total", "MB/s", proxy.mbs, peer.mbs),
    { metric: "throughput_total_direct", value: direct.mbs, unit: "MB/s" },
    vs("throughput_per_session_median", "MB/s", median(proxy.perSession), median(peer.perSession)),
    vs("full_update_median", "ms", median(proxy.updateMs), median(peer.updateMs)),
    vs("full_update_p95", "ms", percentile(proxy.updateMs, 95), percentile(peer.updateMs, 95)),
    vs("relay_cpu_per_mb", "ms", proxy.relayMsPerMb, peer.relayMsPerMb),
    vs("relay_kernel_cpu_per_mb", "ms", proxy.relaySystemMsPerMb, peer.relaySystemMsPerMb),
    vs("relay_cpu_per_mb_beyond_idle", "ms", proxy.marginalMsPerMb, peer.marginalMsPerMb),
    vs("relay_cpu_idle_sessions", "%", proxy.idlePercent, peer.idlePercent),
    vs("added_echo_latency_median", "ms", addedProxy, addedPeer),
    vs("echo_latency_median", "ms", echo("proxy"), echo("websockify")),
    vs("echo_latency_p95", "ms", percentile(t("proxy").echoMs, 95), percentile(t("websockify").echoMs, 95)),
    { metric: "echo_latency_direct_median", value: echo("direct"), unit: "ms" },
    { metric: "echo_latency_direct_p95", value: percentile(t("direct").echoMs, 95), unit: "ms" },
    vs("echo_latency_under_load_median", "ms", median(t("proxy").loadEchoMs), median(t("websockify").loadEchoMs)),
    vs("echo_latency_under_load_p95", "ms", percentile(t("proxy").loadEchoMs, 95), percentile(t("websockify").loadEchoMs, 95)),
    { metric: "echo_latency_under_load_direct_median", value: median(t("direct").loadEchoMs), unit: "ms" },
    vs("session_setup_median", "ms", median(t("proxy").setupMs), median(t("websockify").setupMs)),
    vs("session_setup_p95", "ms", percentile(t("proxy").setupMs, 95), percentile(t("websockify").setupMs, 95)),
    { metric: "session_setup_token_median", value: median(t("proxy").tokenMs), unit: "ms" },
  ];
  for (const f of figures) say(jsonLine(BENCH, f));
}

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

main()
  .then(() => cleanup())
  .catch(async (error) => {
    console.error(`${BENCH}: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
