// pages: the self-service pages' server time at scale (issue 7) — the real server (`tsx server.ts`, production build)
// managing a virtual cluster of 1,000 nodes and 40,000 instances (a real masterd over HTTPS RAPI, registered as a
// remote cluster and synced into the server's SQLite cache), asked over HTTP on loopback by a signed-in superuser and
// by a cluster admin who is not one:
//   - the VM list page (HTML) and the list API it calls (first, middle and last page of 50, a name search);
//   - the overview page (HTML) and the APIs it calls (the cluster's overview, its 1,000 nodes, its recent jobs).
// Each figure is the time from sending the request until the whole response is received (loopback: the server's time).
//   npm run bench -- pages [--nodes 1000] [--instances 40000] [--samples 20] [--settle 60]
// Target (issue 7): each page and the requests it makes under 300 ms (medians). No peer: the issue names none, and
// neither GWM nor ganetimgr is installed here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { freePort } from "../lib/ganeti/testing/free-port";
import { signInOverHttp, spawnServer, tsxServer, waitUntilListening, type ServerProcess } from "../lib/server/testing";
import { benchCleanup } from "./lib/cleanup";
import type { BenchCluster } from "./lib/gantry-cluster";
import { createBurst } from "./lib/gantry-phases";
import { startClusterWithRapi } from "./lib/gantry-rapi";
import { settle } from "./lib/settle";
import { wholeNumber } from "./lib/args";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "1000" },
    instances: { type: "string", default: "40000" },
    samples: { type: "string", default: "20" },
    settle: { type: "string", default: "60" },
  },
  strict: true,
});
const int = (name: string, value: string | undefined, min = 1): number => wholeNumber(name, value, min);
const NODES = int("nodes", args.nodes);
const INSTANCES = int("instances", args.instances);
const SAMPLES = int("samples", args.samples);
const SETTLE_S = int("settle", args.settle, 0);
const BENCH = "pages";
const ADMIN = { email: "admin@gantry.local", password: "bench-admin-password" };
const TARGET_MS = 300;

// The server gets the environment this process started with: the bench cluster's RAPI settings below are its own.
const baseEnv = { ...process.env };
let cluster: BenchCluster | null = null;
let server: ServerProcess | null = null;
let dataDir: string | null = null;
const cleanup = benchCleanup(
  async () => {
    if (server) {
      server.signal("SIGTERM");
      await server.exited;
      server = null;
    }
    const c = cluster;
    cluster = null;
    await c?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  },
  async () => undefined,
);
const say = (line = "") => console.log(line);
const summary = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 95))} (n=${v.length})`;

async function timed(base: string, cookie: string, url: string, init: RequestInit = {}): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const response = await fetch(`${base}${url}`, { ...init, headers: { cookie, ...(init.headers ?? {}) }, redirect: "manual" });
  const text = await response.text();
  return { ms: performance.now() - t0, status: response.status, text };
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("the production build failed");

  const t = performance.now();
  const started = await startClusterWithRapi(NODES);
  cluster = started.cluster;
  const fill = await createBurst(cluster, "vm", INSTANCES, "round-robin");
  say(`Gantry cluster: ${NODES} virtual nodes (simulated), ${INSTANCES} instances created in ${ms(fill.wallMs)}; ready after ${ms(performance.now() - t)}`);
  await settle(cluster.pid, SETTLE_S * 1000);

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-pages-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawnServer(tsxServer(), {
    ...baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    GANTRY_DATA_DIR: path.join(dataDir, "data"),
    GANTRY_ADMIN_PASSWORD: ADMIN.password,
    GANTRY_RAPI_PORT: String(await freePort()),
    GANTRY_DEMO_CLUSTER: "0",
    GANTRY_SYNC_INTERVAL: "3600",
  });
  await waitUntilListening(server);
  const admin = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
  const json = (method: string, url: string, body: unknown) => timed(base, admin, url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const { rapi } = started;
  const added = await json("POST", "/api/clusters", { slug: "big", rapiUrl: rapi.url, username: rapi.user, password: rapi.password, fingerprint: rapi.fingerprint });
  if (added.status !== 201) throw new Error(`adding the cluster: ${added.status} ${added.text}`);
  const syncStart = performance.now();
  for (;;) {
    const page = await timed(base, admin, "/api/instances?cluster=big&pageSize=1");
    if (page.status === 200 && JSON.parse(page.text).total === INSTANCES) break;
    if (performance.now() - syncStart > 300_000) throw new Error(`the cache did not fill: ${page.text.slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  say(`server: synced ${INSTANCES} instances into its cache ${ms(performance.now() - syncStart)} after the cluster was added`);

  // A cluster admin who is not a superuser: sees every VM of the cluster through the permission.
  const user = await json("POST", "/api/users", { email: "cluster-admin@example.org", name: "Cluster admin", password: "cluster-admin-password" });
  const userId = JSON.parse(user.text).id as string;
  await json("POST", "/api/permissions", { grantee: `user:${userId}`, cluster: "big", perm: "admin" });
  const clusterAdmin = (await signInOverHttp(base, "cluster-admin@example.org", "cluster-admin-password"))!;

  const lastPage = Math.ceil(INSTANCES / 50);
  const requests: Array<{ name: string; url: string }> = [
    { name: "VM list page (HTML)", url: "/instances" },
    { name: "VM list API, first page", url: "/api/instances?pageSize=50&page=1" },
    { name: "VM list API, middle page", url: `/api/instances?pageSize=50&page=${Math.ceil(lastPage / 2)}` },
    { name: "VM list API, last page", url: `/api/instances?pageSize=50&page=${lastPage}` },
    { name: "VM list API, name search", url: "/api/instances?pageSize=50&q=vm-123" },
    { name: "VM list API, sorted by memory", url: "/api/instances?pageSize=50&sort=memory&order=desc" },
    { name: "overview page (HTML)", url: "/" },
    { name: "cluster overview API", url: "/api/clusters/big/overview" },
    { name: `nodes API (${NODES} nodes)`, url: "/api/nodes?cluster=big" },
    { name: "recent jobs API", url: "/api/jobs?cluster=big&pageSize=10" },
    { name: "clusters API", url: "/api/clusters" },
  ];
  const viewers = [
    { who: "superuser", cookie: admin },
    { who: "cluster admin", cookie: clusterAdmin },
  ];
  const times = new Map<string, number[]>();
  for (const viewer of viewers) for (const r of requests) {
    // One request first, not timed: the page's first compile and the database's first read are not what a user waits for.
    const first = await timed(base, viewer.cookie, r.url);
    if (first.status !== 200) throw new Error(`${r.name} as ${viewer.who}: ${first.status} ${first.text.slice(0, 200)}`);
  }
  for (let i = 0; i < SAMPLES; i++) {
    for (const viewer of viewers) {
      for (const r of requests) {
        const answer = await timed(base, viewer.cookie, r.url);
        if (answer.status !== 200) throw new Error(`${r.name} as ${viewer.who}: ${answer.status}`);
        const key = `${r.name} — ${viewer.who}`;
        times.set(key, [...(times.get(key) ?? []), answer.ms]);
      }
    }
  }
  say();
  const figures: Figure[] = [
    { metric: "instances", value: INSTANCES, unit: "instances" },
    { metric: "nodes", value: NODES, unit: "nodes" },
  ];
  let worst = 0;
  for (const [key, values] of times) {
    say(`${key}: ${summary(values)}`);
    worst = Math.max(worst, median(values));
    const metric = key.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
    figures.push({ metric: `${metric}_median`, value: median(values), unit: "ms" }, { metric: `${metric}_p95`, value: percentile(values, 95), unit: "ms" });
  }
  say();
  say(`slowest median: ${ms(worst)} — target < ${TARGET_MS} ms for every page and request: ${worst < TARGET_MS ? "met" : "NOT met"}`);
  say("peer: none (the issue names none; GWM and ganetimgr are not installed here)");
  say();
  for (const f of figures) say(jsonLine(BENCH, f));
}

main()
  .then(() => cleanup())
  .catch(async (error) => {
    console.error(`${BENCH}: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
