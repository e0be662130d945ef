// What masterd answers on its luxi socket (the CLI, and later RAPI, talk to the master only through these).
import { JobLost, OpPrereqError } from "../errors";
import type { OpInput } from "../jobs/job";
import type { LuxiHandlers } from "../luxi/server";
import { namesFilter, type QueryFilter } from "../query/filter";
import { queryFields, runCompatQuery, runQuery, type QueryEnvironment, type QueryResource } from "../query/run-query";
import { clusterInfo } from "./cluster-info";
import type { Master } from "./master";
import { jobValues, waitForJobChange } from "./wait-for-job";

/** What queries read on this master (also RAPI's in-process bulk lists). */
export function queryEnvironment(master: Master): QueryEnvironment {
  return { config: master.config, rpc: master.rpc, jobs: () => master.queue.list(), isArchived: () => false };
}

export function luxiHandlers(master: Master, onStop: () => void, submitter = "cli"): LuxiHandlers {
  const queryEnv = queryEnvironment(master);
  return {
    SubmitJob: (ops: OpInput[]) => master.submit(ops, submitter),
    SubmitManyJobs: (jobs: OpInput[][]) => master.queue.submitMany(jobs, submitter),
    CancelJob: (id: number) => master.queue.cancel(Number(id)),
    ArchiveJob: async (id: number) => (await master.queue.archive([Number(id)])) === 1,
    AutoArchiveJobs: async (age: number) => [await master.queue.archiveOlderThan(age < 0 ? 0 : age), 0],
    WaitForJobChange: (id: number, fields: string[], prevInfo: unknown[] | null, prevSerial: number | null, timeout: number) =>
      waitForJobChange(master.queue, Number(id), fields, prevInfo, prevSerial, timeout ?? 10),
    QueryJobs: (ids: number[] | null, fields: string[]) => {
      const jobs = ids?.length ? ids.map((id) => master.queue.get(Number(id))) : master.queue.list();
      return jobs.map((job) => (job ? jobValues(job, fields, false) : null));
    },
    Query: (what: QueryResource, fields: string[], filter: QueryFilter) => runQuery(queryEnv, what, fields, filter ?? null),
    QueryFields: (what: QueryResource, fields: string[] | null) => queryFields(what, fields),
    // Ganeti's old-style queries (names, fields, use_locking): rows of plain values, as RAPI's lists read them.
    QueryInstances: (names: string[], fields: string[]) => runCompatQuery(queryEnv, "instance", fields, namesFilter(names ?? [])),
    QueryNodes: (names: string[], fields: string[]) => runCompatQuery(queryEnv, "node", fields, namesFilter(names ?? [])),
    QueryGroups: (names: string[], fields: string[]) => runCompatQuery(queryEnv, "group", fields, namesFilter(names ?? [])),
    QueryClusterInfo: () => clusterInfo(master.config),
    QueryConfigValues: (names: string[]) => {
      const values: Record<string, unknown> = {
        cluster_name: master.config.cluster.cluster_name,
        master_node: master.config.masterNode().name,
        watcher_pause: master.watcher.pausedUntil(),
        drain_flag: false,
        job_queue_drain: false,
      };
      return names.map((name) => values[name] ?? null);
    },
    QueryTags: (kind: string, name: string) => tagsOf(master, kind, name),
    SetWatcherPause: (until: number | null) => {
      master.watcher.pause(until);
      return null;
    },
    StopMaster: () => {
      setImmediate(onStop);
      return true;
    },
    Ping: async (what?: string) => {
      if (what === "watcher") return master.watcher.runOnce();
      if (what === "watcher-info") return { paused_until: master.watcher.pausedUntil(), recent: master.watcher.recent.slice(-50) };
      if (what === "flush") {
        await master.flushDistribution();
        return true;
      }
      if (what === "locks") return master.locks.describe();
      return { pong: true, recovery: master.recovery };
    },
  };
}

function tagsOf(master: Master, kind: string, name: string): string[] {
  const { config } = master;
  switch (kind) {
    case "cluster":
      return config.cluster.tags;
    case "node":
      return config.node(config.expandName("node", name))!.tags;
    case "instance":
      return config.instance(config.expandName("instance", name))!.tags;
    case "nodegroup":
      return config.group(config.expandName("nodegroup", name))!.tags;
    default:
      throw new OpPrereqError(`Invalid tag kind '${kind}' (cluster, node, nodegroup, instance)`, "wrong_input");
  }
}

export { JobLost };
