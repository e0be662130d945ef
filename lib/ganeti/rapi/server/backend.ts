// What RAPI asks of the master: exactly the luxi methods the CLI uses (submit, cancel, wait, query, cluster info,
// tags), so a write from RAPI takes the same path as `gnt-instance …` — validated and persisted by the job queue before
// its id comes back. masterd serves RAPI in-process (inProcessBackend); a RAPI daemon of its own would pass a luxi
// socket client's call to luxiBackend instead. In-process, bulk lists run the old-style query's function directly, to
// keep the text of what derives from the configuration between requests (bulk-cache.ts).
import type { LogEntry, OpInput } from "../../jobs/job";
import type { LuxiMethod } from "../../luxi/protocol";
import type { LuxiHandlers } from "../../luxi/server";
import { luxiHandlers, queryEnvironment } from "../../master/luxi-handlers";
import type { Master } from "../../master/master";
import type { FieldDefinition } from "../../query/fields";
import type { QueryFilter } from "../../query/filter";
import { prepareCompatQuery, prepareQueryText, type QueryResource, type QueryResult } from "../../query/run-query";
import { BulkListCache } from "./bulk-cache";
import { bulkText, type FieldAdjustments } from "./bulk-text";
import type { JsonText } from "./json-text";
import { QueryTextCache } from "./query-text-cache";

export type CompatResource = "instance" | "node" | "group";
const COMPAT_METHODS: Record<CompatResource, LuxiMethod> = { instance: "QueryInstances", node: "QueryNodes", group: "QueryGroups" };

export type WaitResult = "nochange" | [unknown[], LogEntry[]];

export type RapiBackend = {
  /** Returns the new job's id; `submitter` is recorded on the job (e.g. "rapi:admin"). */
  submitJob(ops: OpInput[], submitter: string): Promise<number>;
  cancelJob(id: number, submitter: string): Promise<[boolean, string]>;
  waitForJobChange(id: number, fields: string[], previousInfo: unknown[] | null, previousLogSerial: number | null, timeoutSeconds: number): Promise<WaitResult>;
  /** One row of values per id (null for an unknown job); all queued jobs when ids is null. */
  queryJobs(ids: number[] | null, fields: string[]): Promise<Array<unknown[] | null>>;
  query(what: string, fields: string[], filter: QueryFilter): Promise<QueryResult>;
  /** The same answer as query, as RAPI's JSON text {data, fields} (masterd writes it row by row; see runQueryText). */
  queryText?(what: string, fields: string[], filter: QueryFilter): Promise<JsonText>;
  /**
   * Ganeti's old-style query (luxi QueryInstances, QueryNodes, QueryGroups), which rlib2's lists use: rows of plain
   * values (null where a cell has none), of the named objects or of all of them.
   */
  queryValues(what: CompatResource, names: string[], fields: string[]): Promise<unknown[][]>;
  /**
   * Every object as Ganeti's bulk answer (MapBulkFields of QueryInstances/QueryNodes/QueryGroups), as JSON text;
   * `adjust` changes field values first.
   */
  bulkList(what: CompatResource, fields: string[], adjust?: FieldAdjustments): Promise<JsonText>;
  queryFields(what: string, fields: string[] | null): Promise<{ fields: FieldDefinition[] }>;
  clusterInfo(): Promise<Record<string, unknown>>;
  queryTags(kind: string, name: string): Promise<string[]>;
};

/** A luxi call: method, arguments, and who asks (the in-process master records it as the job's submitter). */
export type LuxiCall = (method: LuxiMethod, args: unknown[], submitter: string) => Promise<unknown>;

export function luxiBackend(call: LuxiCall): RapiBackend {
  const ask = <T>(method: LuxiMethod, args: unknown[], submitter = "rapi") => call(method, args, submitter) as Promise<T>;
  return {
    submitJob: async (ops, submitter) => Number(await ask<number | string>("SubmitJob", [ops], submitter)),
    cancelJob: (id, submitter) => ask("CancelJob", [id], submitter),
    waitForJobChange: (id, fields, info, serial, timeout) => ask("WaitForJobChange", [id, fields, info, serial, timeout]),
    queryJobs: (ids, fields) => ask("QueryJobs", [ids, fields]),
    query: (what, fields, filter) => ask("Query", [what, fields, filter]),
    queryValues: (what, names, fields) => ask(COMPAT_METHODS[what], [names, fields, false]),
    bulkList: async (what, fields, adjust) => bulkText(fields, await ask<unknown[][]>(COMPAT_METHODS[what], [[], fields, false]), adjust),
    queryFields: (what, fields) => ask("QueryFields", [what, fields]),
    clusterInfo: () => ask("QueryClusterInfo", []),
    queryTags: (kind, name) => ask("QueryTags", [kind, name]),
  };
}

/** The master in this process, through the same handlers its luxi socket serves. */
export function inProcessBackend(master: Master): RapiBackend {
  const bySubmitter = new Map<string, LuxiHandlers>();
  const handlers = (submitter: string) => {
    let h = bySubmitter.get(submitter);
    if (!h) {
      h = luxiHandlers(master, () => undefined, submitter);
      if (bySubmitter.size < 1000) bySubmitter.set(submitter, h);
    }
    return h;
  };
  const env = queryEnvironment(master);
  const bulk = new BulkListCache<CompatResource>({
    generation: () => master.config.generation,
    prepare: (what, fields) => prepareCompatQuery(env, what, fields),
  });
  const queries = new QueryTextCache({
    generation: () => master.config.generation,
    prepare: (what, fields, filter) => prepareQueryText(env, what as QueryResource, fields, filter),
  });
  return {
    ...luxiBackend(async (method, args, submitter) => handlers(submitter)[method](...args)),
    // What QueryInstances/QueryNodes/QueryGroups run, with the configuration's part of the text kept (bulk-cache.ts).
    bulkList: (what, fields, adjust) => bulk.list(what, fields, adjust),
    // /2/query, written row by row (runQueryText), and sent again while it would be the same (query-text-cache.ts).
    queryText: (what, fields, filter) => queries.text(what, fields, filter),
  };
}
