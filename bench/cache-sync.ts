// cache-sync: the web manager's cache sync (lib/manager/cache) of a virtual cluster of 1,000 nodes and 40,000
// instances, served by a real masterd over HTTPS RAPI into a real SQLite database: a full sync (everything read and
// the cluster's rows replaced), a sync with nothing changed, a sync after one change (a tag job), and pages of the
// VM list read from the cache by users who see all the VMs (a superuser, an owning group's member, a cluster admin).
//   npm run bench -- cache-sync [--nodes 1000] [--instances 40000] [--full-samples 5] [--samples 20] [--settle 120]
//     [--cpu-prof DIR]   (masterd's CPU profile, written when it stops)
// Targets (issue 6): full sync under 10 s, a no-change sync under 300 ms, a page of the VM list under 200 ms
// (medians). No peer: the issue names none for these figures, and neither GWM nor ganetimgr is installed here
// (ganetimgr keeps no database cache at all).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db/client";
import { migrateSqlite } from "../lib/db/migrate";
import { syncCluster, type SyncDeps, type SyncMemo, type SyncReport } from "../lib/manager/cache/sync-cluster";
import { sqliteCacheWriter } from "../lib/manager/cache/sqlite-cache-writer";
import { listInstances } from "../lib/manager/instances/list-instances";
import { addCluster } from "../lib/manager/clusters/add-cluster";
import { rapiConnector } from "../lib/manager/clusters/cluster-connection";
import { SecretBox } from "../lib/manager/secrets/secret-box";
import { benchCleanup } from "./lib/cleanup";
import type { BenchCluster } from "./lib/gantry-cluster";
import { createBurst } from "./lib/gantry-phases";
import { startClusterWithRapi } from "./lib/gantry-rapi";
import { timedJob } from "./lib/luxi-jobs";
import { settle } from "./lib/settle";
import { wholeNumber } from "./lib/args";
import { jsonLine, median, ms, percentile, type Figure } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "1000" },
    instances: { type: "string", default: "40000" },
    "full-samples": { type: "string", default: "5" },
    samples: { type: "string", default: "20" },
    settle: { type: "string", default: "120" },
    "cpu-prof": { type: "string" },
  },
  strict: true,
});
const int = (name: string, value: string | undefined, min = 1): number => wholeNumber(name, value, min);
const NODES = int("nodes", args.nodes);
const INSTANCES = int("instances", args.instances);
const FULL_SAMPLES = int("full-samples", args["full-samples"]);
const SAMPLES = int("samples", args.samples);
const SETTLE_S = int("settle", args.settle, 0);
const BENCH = "cache-sync";

let cluster: BenchCluster | null = null;
let dbDir: string | null = null;
const cleanup = benchCleanup(
  async () => {
    const c = cluster;
    cluster = null;
    await c?.stop();
    if (dbDir) fs.rmSync(dbDir, { recursive: true, force: true });
  },
  async () => undefined,
);
const say = (line = "") => console.log(line);
const summary = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 95))} (n=${v.length})`;

async function main(): Promise<void> {
  const t = performance.now();
  const started = await startClusterWithRapi(NODES, args["cpu-prof"]);
  cluster = started.cluster;
  say(`Gantry: masterd pid ${cluster.pid}, ${NODES} virtual nodes (simulated), RAPI on ${started.rapi.url}, ready in ${ms(performance.now() - t)}`);
  const fill = await createBurst(cluster, "vm", INSTANCES, "round-robin");
  say(`Gantry: ${INSTANCES} instances created in ${ms(fill.wallMs)}; masterd RSS ${cluster.memory().rssMb.toFixed(0)} MB`);
  const settled = await settle(cluster.pid, SETTLE_S * 1000);
  say(`Gantry: masterd ${settled.idle ? "idle" : "still busy"} after ${ms(settled.waitedMs)}`);

  dbDir = fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "gantry-bench-db-"));
  const file = path.join(dbDir, "gantry.db");
  migrateSqlite(file);
  const db = createPrismaClient(`file:${file}`);
  const deps: SyncDeps = { db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector, writer: sqliteCacheWriter(file) };
  const actor = { id: "bench", email: "bench@example.org", isAdmin: true, ip: "" };
  const { rapi } = started;
  const { id } = await addCluster(deps, { actor, input: { slug: "bench", rapiUrl: rapi.url, username: rapi.user, password: rapi.password, fingerprint: rapi.fingerprint } });
  // Who sees all 40,000 VMs without being a superuser: a member of the group that owns them all, and a user holding
  // the cluster's admin permission. The owner rows exist before the first sync, so full syncs copy 40,000 owners.
  const member = await db.user.create({ data: { email: "member@example.org", name: "member", passwordHash: "-" } });
  const team = await db.group.create({ data: { name: "everything", members: { create: [{ userId: member.id }] } } });
  const clusterAdmin = await db.user.create({ data: { email: "cluster-admin@example.org", name: "cluster admin", passwordHash: "-" } });
  await db.permission.create({ data: { grantee: `user:${clusterAdmin.id}`, clusterId: id, perm: "admin" } });
  for (let first = 0; first < INSTANCES; first += 5000) {
    const names = Array.from({ length: Math.min(5000, INSTANCES - first) }, (_, i) => `vm-${first + i}.example.org`);
    await db.instanceOwner.createMany({ data: names.map((instanceName) => ({ clusterId: id, instanceName, persona: `group:${team.id}` })) });
  }

  const check = (report: SyncReport) => {
    if (!report.ok) throw new Error(`sync failed: ${report.error}`);
    return report;
  };
  const full: number[] = [];
  const fullRead: number[] = [];
  let memo: SyncMemo | null = null;
  for (let i = 0; i < FULL_SAMPLES; i++) {
    const report = check(await syncCluster(deps, id, null));
    full.push(report.ms);
    fullRead.push(report.readMs);
    memo = report.memo!;
    if (i === 0) say(`first full sync wrote ${JSON.stringify(report.written)}`);
  }
  const counted = await db.cachedInstance.count({ where: { clusterId: id } });
  if (counted !== INSTANCES) throw new Error(`the cache holds ${counted} instances, expected ${INSTANCES}`);
  say(`full sync (every node, group, instance and job read; the cluster's rows replaced): ${summary(full)}; database ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  say(`  of which reading the cluster over RAPI median ${ms(median(fullRead))}, writing the database the rest`);

  const quiet: number[] = [];
  const quietRead: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const report = check(await syncCluster(deps, id, memo));
    if (report.written.instances || report.written.removed) throw new Error(`a no-change sync wrote ${JSON.stringify(report.written)}`);
    quiet.push(report.ms);
    quietRead.push(report.readMs);
    memo = report.memo!;
  }
  say(`no-change sync (stamps and live state of ${INSTANCES} instances compared; nothing written): ${summary(quiet)}; reading median ${ms(median(quietRead))}`);

  const changed: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await timedJob(cluster.client, [{ OP_ID: "OP_TAGS_SET", kind: "instance", name: `vm-${(i * 7919) % INSTANCES}.example.org`, tags: [`bench${i}`] }]);
    const report = check(await syncCluster(deps, id, memo));
    if (report.written.instances !== 1) throw new Error(`a sync after one change wrote ${JSON.stringify(report.written)}`);
    changed.push(report.ms);
    memo = report.memo!;
  }
  say(`sync after one tag job (one instance and one job read in full and written): ${summary(changed)}`);

  // The VM list paged through, from the cache (lib/manager/instances/list-instances.ts, what GET /api/instances runs):
  // first, middle and last page of 50, and a name search, in turn — for a superuser, for a group member who sees the
  // VMs through the group's ownership, and for a cluster admin who is not a superuser.
  const pages = [{ page: 1 }, { page: Math.ceil(INSTANCES / 100) }, { page: Math.ceil(INSTANCES / 50) }, { q: "vm-123" }];
  const viewers = [
    { who: "a superuser", actor },
    { who: "a member of the group owning them", actor: { id: member.id, email: member.email, isAdmin: false, ip: "" } },
    { who: "a cluster admin (not a superuser)", actor: { id: clusterAdmin.id, email: clusterAdmin.email, isAdmin: false, ip: "" } },
  ];
  const listedBy = viewers.map(() => [] as number[]);
  for (let i = 0; i < SAMPLES * pages.length; i++) {
    for (const [v, viewer] of viewers.entries()) {
      const t0 = performance.now();
      const page = await listInstances({ db }, { actor: viewer.actor, input: { pageSize: 50, ...pages[i % pages.length] } });
      listedBy[v]!.push(performance.now() - t0);
      if (page.total < 1 || !page.items.length) throw new Error(`an empty page for ${viewer.who}: ${JSON.stringify(pages[i % pages.length])}`);
      if (i % pages.length === 0 && page.total !== INSTANCES) throw new Error(`${viewer.who} sees ${page.total} VMs, expected ${INSTANCES}`);
    }
  }
  for (const [v, viewer] of viewers.entries()) say(`VM list, a page of 50 of ${INSTANCES} for ${viewer.who} (first, middle, last page, name search): ${summary(listedBy[v]!)}`);
  const listed = listedBy.flat();
  deps.writer.close();
  await db.$disconnect();

  say();
  say(`full sync of ${INSTANCES} instances on ${NODES} nodes: median ${ms(median(full))} — target < 10 s: ${median(full) < 10_000 ? "met" : "NOT met"}`);
  say(`no-change sync: median ${ms(median(quiet))} — target < 300 ms: ${median(quiet) < 300 ? "met" : "NOT met"}`);
  const worst = Math.max(...listedBy.map((v) => median(v)));
  say(`VM list page for a user who sees all ${INSTANCES}: median ${ms(worst)} (the slowest of the three viewers) — target < 200 ms: ${worst < 200 ? "met" : "NOT met"} (the use case, without HTTP)`);
  say(`peer: none (the issue names none; GWM and ganetimgr are not installed here)`);
  say();
  const figures: Figure[] = [
    { metric: "instances", value: INSTANCES, unit: "instances" },
    { metric: "nodes", value: NODES, unit: "nodes" },
    { metric: "full_sync_median", value: median(full), unit: "ms" },
    { metric: "full_sync_p95", value: percentile(full, 95), unit: "ms" },
    { metric: "no_change_sync_median", value: median(quiet), unit: "ms" },
    { metric: "no_change_sync_p95", value: percentile(quiet, 95), unit: "ms" },
    { metric: "one_change_sync_median", value: median(changed), unit: "ms" },
    { metric: "one_change_sync_p95", value: percentile(changed, 95), unit: "ms" },
    { metric: "instance_list_page_median", value: median(listed), unit: "ms" },
    { metric: "instance_list_page_p95", value: percentile(listed, 95), unit: "ms" },
    { metric: "instance_list_page_superuser_median", value: median(listedBy[0]!), unit: "ms" },
    { metric: "instance_list_page_group_member_median", value: median(listedBy[1]!), unit: "ms" },
    { metric: "instance_list_page_cluster_admin_median", value: median(listedBy[2]!), unit: "ms" },
  ];
  for (const f of figures) say(jsonLine(BENCH, f));
}

main()
  .then(() => cleanup())
  .catch(async (error) => {
    console.error(`${BENCH}: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
