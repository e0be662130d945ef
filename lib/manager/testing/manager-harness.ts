// Test support for the manager's use cases: Gantry's real RAPI over HTTPS in front of an embedded cluster (two more
// virtual nodes), a real SQLite database with the cluster registered as "lab", a superuser, and helpers to sync the
// cache and to follow jobs to their end as the sync loop does.
import crypto from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { InitOptions } from "@/lib/ganeti/master/bootstrap";
import { createRapiHarness, USERS, type RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import type { Actor } from "@/lib/manager/actor";
import { sqliteCacheWriter, type CacheWriter } from "@/lib/manager/cache/sqlite-cache-writer";
import { syncCluster, type SyncMemo, type SyncReport } from "@/lib/manager/cache/sync-cluster";
import { addCluster } from "@/lib/manager/clusters/add-cluster";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { followJobs } from "@/lib/manager/jobs/follow-jobs";
import type { RequestDeps } from "@/lib/manager/requests/request-deps";
import { SecretBox } from "@/lib/manager/secrets/secret-box";

export type ManagerHarness = {
  rapi: RapiHarness;
  t: TestDatabase;
  /** Job deps, with e-mail kept in the outbox and links to http://gantry.test. */
  deps: RequestDeps;
  admin: Actor;
  clusterId: string;
  /** A user in the database, as an actor. */
  user(id: string): Promise<Actor>;
  sync(options?: { full?: boolean }): Promise<SyncReport>;
  /** Waits for the cluster to finish the jobs, then lets the manager follow them into the cache. */
  settle(...jobIds: number[]): Promise<void>;
  close(): Promise<void>;
};

/** `init`: how the embedded cluster is made, e.g. { enabledHypervisors: ["kvm", "fake"] }. */
export async function createManagerHarness(options: { init?: Partial<Omit<InitOptions, "stateDir">> } = {}): Promise<ManagerHarness> {
  const rapi = await createRapiHarness({ tls: true, master: { init: options.init } });
  await rapi.cluster.addNodes(2);
  const t = await createTestDatabase();
  const writer: CacheWriter = sqliteCacheWriter(t.file);
  const deps: RequestDeps = { db: t.db, box: SecretBox.fromKey(crypto.randomBytes(32).toString("base64")), connect: rapiConnector, mail: { delivery: "outbox", appUrl: "http://gantry.test" } };
  const admin: Actor = { id: "u-admin", email: "admin@example.org", isAdmin: true, ip: "192.0.2.1" };
  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  const { id: clusterId } = await addCluster(deps, { actor: admin, input: { slug: "lab", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint } });
  let memo: SyncMemo | null = null;
  const sync = async ({ full = false } = {}) => {
    const report = await syncCluster({ ...deps, writer }, clusterId, full ? null : memo);
    if (report.memo) memo = report.memo;
    return report;
  };
  await sync();
  return {
    rapi,
    t,
    deps,
    admin,
    clusterId,
    async user(id) {
      const email = `${id}@example.org`;
      await t.db.user.upsert({ where: { id }, create: { id, email, name: id, passwordHash: "-" }, update: {} });
      return { id, email, isAdmin: false, ip: "192.0.2.9" };
    },
    sync,
    async settle(...jobIds) {
      for (const id of jobIds) await rapi.cluster.master.waitForJob(id);
      await followJobs(deps, () => sync());
    },
    async close() {
      writer.close();
      await t.cleanup();
      await rapi.close();
    },
  };
}
