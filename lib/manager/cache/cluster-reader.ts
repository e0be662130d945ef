// Reading a cluster's objects as field records. With credentials, through RAPI's query resource (/2/query/…, which
// needs a read or write user): only the fields the cache keeps, only the objects asked for. Without (a read-only
// cluster reached anonymously), through the bulk lists every RAPI client may read, mapped to the same field names.
import type { QueryFilter } from "@/lib/ganeti/query/filter";
import { parseQueryRow, splitQueryAnswer } from "@/lib/ganeti/rapi/client";
import type { ClusterClient } from "@/lib/manager/clusters/cluster-connection";
import { INSTANCE_CHANGE_FIELDS, instanceChangeKey, stampKey, type FieldRecord } from "./cache-fields";

/** An instance's name and change key (cache-fields.ts stampKey of INSTANCE_CHANGE_FIELDS). */
export type InstanceStamp = [name: string, key: string];
/** Every instance's stamp, in the cluster's order; when the reader has them, the answer's text and each row's. */
export type InstanceStamps = { stamps: InstanceStamp[]; text?: string; rows?: readonly string[] };

export type ClusterReader = {
  /**
   * Every instance's stamp: read for all instances on every sync, so made without a record per instance, and
   * without parsing the rows whose text is the same as in the `last` answer; `last` itself when the whole answer is.
   */
  instanceStamps(last?: InstanceStamps): Promise<InstanceStamps>;
  /** Every instance, or the named ones. */
  instances(fields: string[], names?: string[]): Promise<FieldRecord[]>;
  nodes(fields: string[]): Promise<FieldRecord[]>;
  groups(fields: string[]): Promise<FieldRecord[]>;
  /** Jobs with an id above `after`, and the ones listed. */
  jobs(fields: string[], after: number, ids: number[]): Promise<FieldRecord[]>;
};

/** Names per query filter: a filter of thousands of names is slow to evaluate on both sides. */
const NAMES_PER_QUERY = 500;

export function queryReader(client: ClusterClient): ClusterReader {
  const query = async (what: "instance" | "node" | "group" | "job", fields: string[], filter: QueryFilter | null = null) => {
    const result = await client.query(what, fields, filter);
    return result.data.map((row) => Object.fromEntries(fields.map((field, i) => [field, row[i]![0] === 0 ? row[i]![1] : null])));
  };
  return {
    async instanceStamps(last) {
      // As text: an answer equal to the last one means nothing changed, and only new row texts need parsing.
      const text = await client.queryText("instance", INSTANCE_CHANGE_FIELDS);
      if (text === last?.text) return last;
      const { rows } = splitQueryAnswer(text, STAMPS_QUERY);
      return { stamps: stampsOf(rows, last), text, rows };
    },
    async instances(fields, names) {
      if (!names) return query("instance", fields);
      const records: FieldRecord[] = [];
      for (let i = 0; i < names.length; i += NAMES_PER_QUERY) {
        const part = names.slice(i, i + NAMES_PER_QUERY);
        records.push(...(await query("instance", fields, ["|", ...part.map((name) => ["=", "name", name])] as QueryFilter)));
      }
      return records;
    },
    nodes: (fields) => query("node", fields),
    groups: (fields) => query("group", fields),
    jobs: (fields, after, ids) => query("job", fields, ["|", [">", "id", after], ...ids.map((id) => ["=", "id", id])] as QueryFilter),
  };
}

const STAMPS_QUERY = "PUT /2/query/instance";

function stampOf(row: Array<[number, unknown]>): InstanceStamp {
  const values: unknown[] = new Array(row.length - 1);
  for (let i = 1; i < row.length; i++) values[i - 1] = row[i]![0] === 0 ? row[i]![1] : null;
  return [String(row[0]![1]), stampKey(values)];
}

/** Each row's stamp: the last answer's for the same text (compared in order first, then by text), else parsed. */
function stampsOf(rows: string[], last: InstanceStamps | undefined): InstanceStamp[] {
  const before = last?.rows;
  let byText: Map<string, InstanceStamp> | null = null;
  return rows.map((row, i) => {
    if (before?.[i] === row) return last!.stamps[i]!;
    byText ??= new Map(before?.map((text, j) => [text, last!.stamps[j]!]));
    return byText.get(row) ?? stampOf(parseQueryRow(row, STAMPS_QUERY));
  });
}

/** Bulk field names that differ from the query's. */
const BULK_ALIASES: Record<string, (o: Record<string, unknown>) => unknown> = {
  "be/maxmem": (o) => (o.beparams as Record<string, unknown> | undefined)?.maxmem ?? null,
  "be/vcpus": (o) => (o.beparams as Record<string, unknown> | undefined)?.vcpus ?? null,
  group: (o) => o["group.name"] ?? null,
};

export function bulkReader(client: ClusterClient): ClusterReader {
  const pick = (objects: Array<Record<string, unknown>>, fields: string[]) =>
    objects.map((o) => Object.fromEntries(fields.map((f) => [f, BULK_ALIASES[f] && !(f in o) ? BULK_ALIASES[f](o) : (o[f] ?? null)])));
  const instances = async (fields: string[], names?: string[]) => {
    const all = pick((await client.getInstances({ bulk: true })) as Array<Record<string, unknown>>, fields);
    if (!names) return all;
    const wanted = new Set(names);
    return all.filter((r) => wanted.has(String(r.name)));
  };
  return {
    instanceStamps: async () => ({ stamps: (await instances(INSTANCE_CHANGE_FIELDS)).map((r): InstanceStamp => [String(r.name), instanceChangeKey(r)]) }),
    instances,
    nodes: async (fields) => pick((await client.getNodes({ bulk: true })) as Array<Record<string, unknown>>, fields),
    groups: async (fields) => pick((await client.getGroups({ bulk: true })) as Array<Record<string, unknown>>, fields),
    async jobs(fields, after, ids) {
      const wanted = new Set(ids);
      const jobs = (await client.getJobs({ bulk: true })) as Array<Record<string, unknown>>;
      return pick(jobs.filter((j) => Number(j.id) > after || wanted.has(Number(j.id))), fields);
    },
  };
}
