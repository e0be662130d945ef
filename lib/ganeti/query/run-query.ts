// Runs a query (luxi Query, /2/query, gnt-* list; and the old-style QueryInstances… RAPI's lists use): resolves
// fields, collects live data from the nodes only when a requested or filtered field needs it, filters and returns rows
// of [status, value] cells, or of plain values.
import type { ConfigStore } from "../config/config-store";
import { OpPrereqError } from "../errors";
import type { Job } from "../jobs/job";
import type { Instance } from "../objects/types";
import type { NodeInfo } from "../rpc/node-rpc";
import type { NodeRpcRunner } from "../rpc/rpc-runner";
import { cell, RS_NORMAL, RS_UNKNOWN, type Cell, type Field, type FieldDefinition } from "./fields";
import { compileFilter, filterFields, type QueryFilter } from "./filter";
import { GROUP_FIELDS } from "./group-fields";
import { INSTANCE_FIELDS } from "./instance-fields";
import type { InstanceQueryContext } from "./instance-context";
import { collectConsoles, consolesKey } from "./instance-consoles";
import { collectInstanceLive } from "./instance-live";
import { JOB_FIELDS } from "./job-fields";
import { NODE_FIELDS } from "./node-fields";
import { instancesByGroup, instancesByNode, sortedByName } from "./sorted-objects";

export const QUERY_RESOURCES = ["instance", "node", "group", "job"] as const;
export type QueryResource = (typeof QUERY_RESOURCES)[number];

export type QueryEnvironment = { config: ConfigStore; rpc: NodeRpcRunner; jobs: () => Job[]; isArchived: (job: Job) => boolean };
export type QueryResult = { fields: FieldDefinition[]; data: Cell[][] };

const FIELDS: Record<QueryResource, Array<Field<any, any>>> = {
  instance: INSTANCE_FIELDS,
  node: NODE_FIELDS,
  group: GROUP_FIELDS,
  job: JOB_FIELDS,
};
const KIND_OF: Record<QueryResource, "instance" | "node" | "nodegroup" | null> = { instance: "instance", node: "node", group: "nodegroup", job: null };

const INDEXES = new Map<QueryResource, ReadonlyMap<string, Field<any, any>>>();

/** The fields of a resource by name (built once; the definitions are constant). */
export function fieldIndex(what: QueryResource): ReadonlyMap<string, Field<any, any>> {
  let index = INDEXES.get(what);
  if (!index) INDEXES.set(what, (index = new Map(FIELDS[what].map((f) => [f.name, f]))));
  return index;
}

export function queryFields(what: QueryResource, names?: string[] | null): { fields: FieldDefinition[] } {
  const index = fieldIndex(checkResource(what));
  const wanted = names?.length ? names : [...index.keys()].sort();
  return { fields: wanted.map((name) => definitionOf(index, name)) };
}

export async function runQuery(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<QueryResult> {
  const { fields, slices } = await evaluate(env, what, names, filter);
  return { fields, data: allRows(slices(cell, unknownCell, Infinity)) };
}

/**
 * The same answer as runQuery, as JSON text ({"data": [[[status, value], …], …], "fields": […]}) written row by row:
 * a query of 40,000 instances would otherwise build hundreds of thousands of [status, value] arrays only to
 * stringify them (masterd's RAPI sends this text as it is).
 */
export async function runQueryText(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<string> {
  return (await prepareQueryText(env, what, names, filter)).text();
}

/** A query whose live data has been collected; its text is written when asked for. */
export type QueryText = {
  /** The configuration's generation when the objects were taken. */
  generation: number;
  /**
   * Whether the text is the same whenever the generation and the live key are: not for jobs, whose rows change with
   * the queue, not the configuration.
   */
  reusable: boolean;
  /** As CompatQuery.liveKey: the same text whenever the nodes answered the same. */
  liveKey(): string;
  /** The answer, of the configuration as it is when called (call it before letting the event loop run). */
  text(): string;
};

export async function prepareQueryText(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<QueryText> {
  const { fields, generation, each, liveKey } = await evaluate(env, what, names, filter);
  const text = () => {
    const rows: string[] = [];
    each(rawValue, () => UNKNOWN_FIELD, (row) => {
      let line = "[";
      for (let j = 0; j < row.length; j++) line += (j ? "," : "") + cellText(row[j]);
      rows.push(`${line}]`);
    });
    return `{"data":[${rows.join(",")}],"fields":${JSON.stringify(fields)}}`;
  };
  return { generation, reusable: what !== "job", liveKey, text };
}

const UNKNOWN_FIELD = Symbol("unknown field");
const rawValue = (value: unknown): unknown => value;

/** One cell as `cell()` makes it, as JSON text. */
function cellText(value: unknown): string {
  if (value === UNKNOWN_FIELD) return `[${RS_UNKNOWN},null]`;
  if (typeof value === "number" && Number.isFinite(value)) return `[${RS_NORMAL},${value}]`;
  const [status, plain] = cell(value);
  return `[${status},${JSON.stringify(plain) ?? "null"}]`;
}

/**
 * Ganeti's old-style queries (luxi QueryInstances, QueryNodes…; luxid's queryCompat), which RAPI's lists use: rows of
 * plain values, null where a cell has no value. An unknown field is an error, as there.
 */
export async function runCompatQuery(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<unknown[][]> {
  return allRows((await prepareCompatQuery(env, what, names, filter)).rows(Infinity));
}

/** An old-style query whose live data has been collected; its rows are built as they are taken. */
export type CompatQuery = {
  fields: FieldDefinition[];
  /** The configuration's generation when the objects were taken: the rows are of that state while it lasts. */
  generation: number;
  /** Per field: whether it reads live data from the nodes (the others derive from the configuration alone). */
  live: boolean[];
  /**
   * The rows in slices of `size`, built as the caller iterates: a caller that turns each slice into text right away
   * never holds all rows' objects at once. Rows are of the configuration as it is when they are built, so a caller
   * that lets the event loop run between slices checks that the generation is still the query's. With `only`, just
   * those columns are computed and the others are null.
   */
  rows(size: number, only?: readonly boolean[]): Iterable<unknown[][]>;
  /** Each row in turn, synchronously, in one array that is reused: `visit` takes what it needs before it returns. */
  each(visit: (row: unknown[]) => void, only?: readonly boolean[]): void;
  /**
   * A text that is the same whenever the nodes answered the same (every part of their answers the live fields read),
   * so a caller that kept the live columns of an earlier query of the same generation may reuse them.
   */
  liveKey(): string;
};

export async function prepareCompatQuery(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<CompatQuery> {
  const { fields, live, generation, slices, each, liveKey } = await evaluate(env, what, names, filter);
  const unknown = fields.filter((f) => f.kind === "unknown").map((f) => f.name);
  if (unknown.length) throw new OpPrereqError(`Unknown output fields selected: ${unknown.join(", ")}`, "wrong_input");
  return {
    fields,
    live,
    generation,
    rows: (size, only) => slices(plainValue, () => null, size, only),
    each: (visit, only) => each(plainValue, () => null, visit, only),
    liveKey,
  };
}

const unknownCell = (): Cell => [RS_UNKNOWN, null];
const plainValue = (value: unknown): unknown => (value === undefined || typeof value === "symbol" ? null : value);

type Getter = Field<any, any>["get"];
type RowSlices = <T>(wrap: (value: unknown) => T, unknown: () => T, size: number, only?: readonly boolean[]) => Generator<T[][], void, undefined>;
type RowVisitor = <T>(wrap: (value: unknown) => T, unknown: () => T, visit: (row: T[]) => void, only?: readonly boolean[]) => void;

function allRows<T>(slices: Iterable<T[][]>): T[][] {
  const data: T[][] = [];
  for (const slice of slices) for (const row of slice) data.push(row);
  return data;
}

/**
 * Resolves the fields once, collects live data only when a requested or filtered field needs it, and returns the
 * definitions and the row builder.
 */
async function evaluate(
  env: QueryEnvironment,
  what: QueryResource,
  names: string[],
  filter: QueryFilter,
): Promise<{ fields: FieldDefinition[]; live: boolean[]; generation: number; slices: RowSlices; each: RowVisitor; liveKey: () => string }> {
  const index = fieldIndex(checkResource(what));
  const getters = names.map((name) => index.get(name)?.get ?? null);
  const live = names.map((name) => Boolean(index.get(name)?.live));
  const needsLive = live.includes(true) || filterFields(filter).some((n) => index.get(n)?.live);
  const matches = compileFilter(expandNameFilter(env.config, what, filter));
  const collected = await collect(env, what, needsLive);
  const { items, context } = collected;
  let { liveKey } = collected;
  const generation = env.config.generation;
  // Made when the first row is: a caller that reuses what it kept from an equal liveKey takes no row at all.
  let ctx: unknown;
  let prepared = false;
  const prepare = () => {
    if (!prepared) ctx = context();
    prepared = true;
  };
  let current: unknown;
  const read = (name: string) => {
    const f = index.get(name);
    if (!f) throw new OpPrereqError(`Unknown field '${name}' in the filter`, "wrong_input");
    const v = f.get(current, ctx);
    return typeof v === "symbol" ? null : v;
  };
  const wanted = (item: unknown) => {
    current = item;
    return !filter || matches(read);
  };
  if (what === "instance" && names.includes("console")) {
    // Consoles their nodes open on demand are asked for now, for the rows of the answer.
    prepare();
    const instanceCtx = ctx as InstanceQueryContext;
    await collectConsoles(env.rpc, instanceCtx, (items as Instance[]).filter(wanted));
    const nodesKey = liveKey;
    liveKey = () => nodesKey() + consolesKey(instanceCtx);
  }
  /** The columns to compute, and the others (unknown fields, or left out by `only`). */
  const columns = (only?: readonly boolean[]) => {
    const computed: Array<[number, Getter]> = [];
    const blank: number[] = [];
    getters.forEach((get, j) => (get && (!only || only[j]) ? computed.push([j, get]) : blank.push(j)));
    return { computed, blank };
  };
  function* slices<T>(wrap: (value: unknown) => T, unknown: () => T, size: number, only?: readonly boolean[]) {
    prepare();
    const { computed, blank } = columns(only);
    let slice: T[][] = [];
    for (const item of items) {
      if (!wanted(item)) continue;
      const row = new Array<T>(getters.length);
      for (const j of blank) row[j] = unknown();
      for (const [j, get] of computed) row[j] = wrap(get(item, ctx));
      slice.push(row);
      if (slice.length >= size) {
        yield slice;
        slice = [];
      }
    }
    if (slice.length) yield slice;
  }
  function each<T>(wrap: (value: unknown) => T, unknown: () => T, visit: (row: T[]) => void, only?: readonly boolean[]) {
    prepare();
    const { computed, blank } = columns(only);
    const row = new Array<T>(getters.length);
    for (const j of blank) row[j] = unknown();
    for (const item of items) {
      if (!wanted(item)) continue;
      for (const [j, get] of computed) row[j] = wrap(get(item, ctx));
      visit(row);
    }
  }
  return { fields: names.map((name) => definitionOf(index, name)), live, generation, slices, each, liveKey };
}

function checkResource(what: string): QueryResource {
  if (!QUERY_RESOURCES.includes(what as QueryResource)) {
    throw new OpPrereqError(`Resource '${what}' cannot be queried (available: ${QUERY_RESOURCES.join(", ")})`, "wrong_input");
  }
  return what as QueryResource;
}

function definitionOf(index: ReadonlyMap<string, Field<any, any>>, name: string): FieldDefinition {
  const f = index.get(name);
  return f ? { name: f.name, title: f.title, kind: f.kind, doc: f.doc } : { name, title: name, kind: "unknown", doc: `Unknown field '${name}'` };
}

/** A name list from the CLI matches short names too ("inst1" → "inst1.example.org"); unknown names are errors. */
function expandNameFilter(config: ConfigStore, what: QueryResource, filter: QueryFilter): QueryFilter {
  const kind = KIND_OF[what];
  if (!kind || !filter || filter[0] !== "|") return filter;
  const parts = filter.slice(1) as unknown[][];
  if (!parts.every((p) => Array.isArray(p) && (p[0] === "=" || p[0] === "==") && p[1] === "name" && typeof p[2] === "string")) return filter;
  return ["|", ...parts.map((p) => ["=", "name", objectName(config, kind, config.expandName(kind, p[2] as string))])];
}

function objectName(config: ConfigStore, kind: "instance" | "node" | "nodegroup", uuid: string): string {
  return (kind === "instance" ? config.instance(uuid) : kind === "node" ? config.node(uuid) : config.group(uuid))!.name;
}

/** The objects, what their fields read besides them (made on demand from the nodes' answers), and the answers' key. */
type Collected = { items: readonly unknown[]; context: () => unknown; liveKey: () => string };
const NO_LIVE_DATA = () => "";

async function collect(env: QueryEnvironment, what: QueryResource, live: boolean): Promise<Collected> {
  const { config } = env;
  switch (what) {
    case "instance": {
      const { context, liveKey } = await collectInstanceLive(config, env.rpc, live);
      return { items: sortedByName(config, "instance"), context, liveKey: live ? liveKey : NO_LIVE_DATA };
    }
    case "node": {
      const info = new Map<string, NodeInfo>();
      if (live) {
        const online = config.nodes().filter((n) => !n.offline).map((n) => n.uuid);
        const answers = await env.rpc.each(online, (rpc) => rpc.nodeInfo());
        // In the order of the nodes, not of the answers' arrival: the live key is then the same for the same answers.
        for (const uuid of online) {
          const result = answers.get(uuid);
          if (result?.ok) info.set(uuid, result.value);
        }
      }
      const context = () => ({ config, info, ...instancesByNode(config) });
      return { items: sortedByName(config, "node"), context, liveKey: live ? () => JSON.stringify([...info]) : NO_LIVE_DATA };
    }
    case "group": {
      const context = () => {
        const members = new Map<string, string[]>();
        for (const node of config.nodes()) push(members, node.group, node.name);
        return { config, members, instances: instancesByGroup(config) };
      };
      return { items: sortedByName(config, "group"), context, liveKey: NO_LIVE_DATA };
    }
    case "job":
      return { items: env.jobs(), context: () => ({ archived: env.isArchived }), liveKey: NO_LIVE_DATA };
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
