// One sync of a cluster into the cache. Incremental: every instance's stamp and live state (INSTANCE_CHANGE_FIELDS)
// are compared with what the last sync wrote (the memo, kept by the sync loop), and only new or changed instances
// are read in full and written; gone ones are deleted. Nodes and groups (few) are read in full and written when they
// differ; jobs above the highest id seen, and the ones not yet final, are read again. Without a memo (first sync in
// this process) everything is read and the cluster's rows are replaced. A cluster that does not answer keeps its rows;
// its error and time are recorded, and the next sync that works clears them.
import type { Db } from "@/lib/db/client";
import { endpointOf, type ClusterConnector } from "@/lib/manager/clusters/cluster-connection";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import {
  FINAL_JOB_STATUSES, GROUP_FIELDS, groupRow, INSTANCE_FIELDS, instanceChangeKey, instanceRow, JOB_FIELDS, jobRow, NODE_FIELDS, nodeRow,
  type FieldRecord,
} from "./cache-fields";
import { bulkReader, queryReader, type ClusterReader, type InstanceStamps } from "./cluster-reader";
import { instanceOwners } from "./instance-owners";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import type { CacheWriter } from "./sqlite-cache-writer";

/**
 * What the last sync of a cluster wrote, by name: the change key of instances, the whole record of nodes and groups.
 * And the last stamps read (rows with the same text need no parsing), `exact` when `instances` holds just their keys
 * (no instance read in full had changed since its stamp).
 */
export type SyncMemo = {
  instances: Map<string, string>;
  stamps?: { read: InstanceStamps; exact: boolean };
  nodes: Map<string, string>;
  groups: Map<string, string>;
  maxJobId: number;
  openJobs: Set<number>;
};

export type SyncDeps = { db: Db; box: SecretBox; connect: ClusterConnector; writer: CacheWriter };

export type SyncReport = {
  ok: boolean;
  full: boolean;
  ms: number;
  /** Of which: reading the cluster, and writing the database. */
  readMs: number;
  writeMs: number;
  written: { instances: number; removed: number; nodes: number; groups: number; jobs: number };
  error?: string;
  memo?: SyncMemo;
};

/** Above this share of changed instances, one query of all is cheaper than queries by name. */
const REREAD_ALL_SHARE = 0.25;

export async function syncCluster(deps: SyncDeps, clusterId: string, memo: SyncMemo | null): Promise<SyncReport> {
  const started = performance.now();
  const written = { instances: 0, removed: 0, nodes: 0, groups: 0, jobs: 0 };
  const cluster = await deps.db.cluster.findUnique({ where: { id: clusterId } });
  if (!cluster) return { ok: false, full: false, ms: 0, readMs: 0, writeMs: 0, written, error: "the cluster was removed" };
  let readMs = 0;
  let client;
  try {
    const endpoint = endpointOf(cluster, deps.box);
    client = deps.connect(endpoint);
    const reader = endpoint.username ? queryReader(client) : bulkReader(client);
    const next = await readChanges(reader, memo);
    const owners = await instanceOwners(deps.db, clusterId, next.instances);
    readMs = performance.now() - started;
    const { removedInstances } = deps.writer.apply(
      clusterId,
      {
        full: next.full,
        instances: next.instances.map((r) => ({ ...instanceRow(clusterId, r), ownerKey: owners.keyOf(String(r.name)) })),
        adoptedOwners: owners.adopted,
        nodes: next.nodes.map((r) => nodeRow(clusterId, r)),
        groups: next.groups.map((r) => groupRow(clusterId, r)),
        jobs: next.jobs.map((r) => jobRow(clusterId, r)),
        removed: next.removed,
      },
      performance.now() - started,
    );
    if (owners.adopted.length) await auditAdoptions(deps.db, clusterId, owners.adopted);
    Object.assign(written, { instances: next.instances.length, removed: removedInstances, nodes: next.nodes.length, groups: next.groups.length, jobs: next.jobs.length });
    const ms = performance.now() - started;
    return { ok: true, full: next.full, ms, readMs, writeMs: ms - readMs, written, memo: next.memo };
  } catch (error) {
    const message = (error as Error).message;
    await deps.db.cluster.updateMany({ where: { id: clusterId }, data: { syncError: message.slice(0, 2000), syncErrorAt: new Date() } });
    return { ok: false, full: !memo, ms: performance.now() - started, readMs, writeMs: 0, written, error: message };
  } finally {
    client?.close();
  }
}

/** New and changed instances, read in full; `next` gets every instance's change key. */
async function readInstances(reader: ClusterReader, memo: SyncMemo | null, next: SyncMemo): Promise<FieldRecord[]> {
  let instances: FieldRecord[];
  if (!memo) {
    instances = await reader.instances(INSTANCE_FIELDS);
  } else {
    const read = await reader.instanceStamps(memo.stamps?.read);
    next.stamps = { read, exact: true };
    if (read === memo.stamps?.read && memo.stamps.exact) {
      // The very answer of last time, whose keys the memo holds: nothing changed, nothing is gone.
      next.instances = memo.instances;
      return [];
    }
    const { stamps } = read;
    const changed: string[] = [];
    for (const [name, key] of stamps) {
      next.instances.set(name, key);
      if (memo.instances.get(name) !== key) changed.push(name);
    }
    const wanted = new Set(changed);
    instances = !changed.length
      ? []
      : changed.length > REREAD_ALL_SHARE * stamps.length
        ? (await reader.instances(INSTANCE_FIELDS)).filter((r) => wanted.has(String(r.name)))
        : await reader.instances(INSTANCE_FIELDS, changed);
  }
  // The full records are the newest word: their keys go into the memo (an instance changed between the two reads is
  // written as read now, and compared against that next time).
  for (const r of instances) {
    const name = String(r.name);
    const key = instanceChangeKey(r);
    if (next.stamps && next.instances.get(name) !== key) next.stamps.exact = false;
    next.instances.set(name, key);
  }
  return instances;
}

type Removed = { instances: string[]; nodes: string[]; groups: string[] };
type Changes = { full: boolean; instances: FieldRecord[]; removed: Removed; nodes: FieldRecord[]; groups: FieldRecord[]; jobs: FieldRecord[]; memo: SyncMemo };

async function readChanges(reader: ClusterReader, memo: SyncMemo | null): Promise<Changes> {
  const full = !memo;
  const next: SyncMemo = { instances: new Map(), nodes: new Map(), groups: new Map(), maxJobId: memo?.maxJobId ?? -1, openJobs: new Set() };
  // The four reads are independent: in flight together, the cluster answers one while this side parses another.
  const [instances, nodeRecords, groupRecords, jobs] = await Promise.all([
    readInstances(reader, memo, next),
    reader.nodes(NODE_FIELDS),
    reader.groups(GROUP_FIELDS),
    reader.jobs(JOB_FIELDS, next.maxJobId, [...(memo?.openJobs ?? [])]),
  ]);
  const nodes = changedRecords(nodeRecords, memo?.nodes, next.nodes);
  const groups = changedRecords(groupRecords, memo?.groups, next.groups);
  const gone = (before: Map<string, string> | undefined, now: Map<string, string>) => (before === now ? [] : [...(before?.keys() ?? [])].filter((name) => !now.has(name)));
  const removed = { instances: gone(memo?.instances, next.instances), nodes: gone(memo?.nodes, next.nodes), groups: gone(memo?.groups, next.groups) };
  for (const job of jobs) {
    const id = Number(job.id);
    next.maxJobId = Math.max(next.maxJobId, id);
    if (!FINAL_JOB_STATUSES.has(String(job.status))) next.openJobs.add(id);
  }
  return { full, instances, removed, nodes, groups, jobs, memo: next };
}

/** Records that differ from the memo's (all when there is none); `into` gets every record's text. */
function changedRecords(records: FieldRecord[], before: Map<string, string> | undefined, into: Map<string, string>): FieldRecord[] {
  return records.filter((r) => {
    const text = JSON.stringify(r);
    into.set(String(r.name), text);
    return before?.get(String(r.name)) !== text;
  });
}

/** One row per sync that restored owners from tags, naming (the first hundred of) them. */
async function auditAdoptions(db: Db, clusterId: string, adopted: Array<{ name: string; persona: string }>) {
  await recordAudit(db, null, {
    action: "instance.owner_restored",
    result: "success",
    clusterId,
    object: { type: "cluster", id: clusterId, name: "" },
    after: adopted.slice(0, 100),
    message: `${adopted.length} VM owner(s) restored from the cluster's owner tags (the VMs had no owner in the database).`,
  });
}
