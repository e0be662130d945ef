// Runs a query (luxi Query, /2/query, gnt-* list): resolves fields, collects live data from the nodes only when a
// requested or filtered field needs it, filters and returns rows of [status, value] cells.
import type { ConfigStore } from "../config/config-store";
import { OpPrereqError } from "../errors";
import type { Job } from "../jobs/job";
import type { Instance, Node, NodeGroup } from "../objects/types";
import type { LiveData } from "../opcodes/instance/status";
import type { InstanceRunInfo, NodeInfo } from "../rpc/node-rpc";
import type { NodeRpcRunner } from "../rpc/rpc-runner";
import { cell, RS_UNKNOWN, type Cell, type Field, type FieldDefinition } from "./fields";
import { compileFilter, filterFields, type QueryFilter } from "./filter";
import { GROUP_FIELDS } from "./group-fields";
import { INSTANCE_FIELDS } from "./instance-fields";
import { JOB_FIELDS } from "./job-fields";
import { NODE_FIELDS } from "./node-fields";

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

export function fieldIndex(what: QueryResource): Map<string, Field<any, any>> {
  return new Map(FIELDS[what].map((f) => [f.name, f]));
}

export function queryFields(what: QueryResource, names?: string[] | null): { fields: FieldDefinition[] } {
  const index = fieldIndex(checkResource(what));
  const wanted = names?.length ? names : [...index.keys()].sort();
  return { fields: wanted.map((name) => definitionOf(index, name)) };
}

export async function runQuery(env: QueryEnvironment, what: QueryResource, names: string[], filter: QueryFilter = null): Promise<QueryResult> {
  const index = fieldIndex(checkResource(what));
  const filterNames = filterFields(filter);
  const needsLive = [...names, ...filterNames].some((n) => index.get(n)?.live);
  const { items, ctx } = await collect(env, what, needsLive);
  const expanded = expandNameFilter(env.config, what, filter);
  const matches = compileFilter(expanded);
  const data: Cell[][] = [];
  for (const item of items) {
    const value = (name: string) => {
      const f = index.get(name);
      if (!f) throw new OpPrereqError(`Unknown field '${name}' in the filter`, "wrong_input");
      const v = f.get(item, ctx);
      return typeof v === "symbol" ? null : v;
    };
    if (!matches(value)) continue;
    data.push(names.map((name) => {
      const f = index.get(name);
      return f ? cell(f.get(item, ctx)) : ([RS_UNKNOWN, null] as Cell);
    }));
  }
  return { fields: names.map((name) => definitionOf(index, name)), data };
}

function checkResource(what: string): QueryResource {
  if (!QUERY_RESOURCES.includes(what as QueryResource)) {
    throw new OpPrereqError(`Resource '${what}' cannot be queried (available: ${QUERY_RESOURCES.join(", ")})`, "wrong_input");
  }
  return what as QueryResource;
}

function definitionOf(index: Map<string, Field<any, any>>, name: string): FieldDefinition {
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

async function collect(env: QueryEnvironment, what: QueryResource, live: boolean): Promise<{ items: unknown[]; ctx: unknown }> {
  const { config } = env;
  const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));
  switch (what) {
    case "instance": {
      const liveData: LiveData = { reachable: new Map(), offline: new Set(config.nodes().filter((n) => n.offline).map((n) => n.uuid)) };
      const running = new Map<string, InstanceRunInfo>();
      if (live) {
        const online = config.nodes().filter((n) => !n.offline).map((n) => n.uuid);
        for (const [uuid, result] of await env.rpc.each(online, (rpc) => rpc.allInstancesInfo())) {
          if (!result.ok) continue;
          liveData.reachable.set(uuid, new Set(result.value.map((i) => i.name)));
          for (const info of result.value) {
            const instance = config.instance(config.lookupName("instance", info.name) ?? "");
            if (instance?.primary_node === uuid) running.set(info.name, info);
          }
        }
      }
      return { items: byName<Instance>(config.instances()), ctx: { config, live: liveData, running } };
    }
    case "node": {
      const info = new Map<string, NodeInfo>();
      if (live) {
        const online = config.nodes().filter((n) => !n.offline).map((n) => n.uuid);
        for (const [uuid, result] of await env.rpc.each(online, (rpc) => rpc.nodeInfo())) if (result.ok) info.set(uuid, result.value);
      }
      const primaries = new Map<string, string[]>();
      const secondaries = new Map<string, string[]>();
      for (const instance of config.instances()) {
        push(primaries, instance.primary_node, instance.name);
        for (const node of config.secondaryNodes(instance)) push(secondaries, node, instance.name);
      }
      return { items: byName<Node>(config.nodes()), ctx: { config, info, primaries, secondaries } };
    }
    case "group": {
      const members = new Map<string, string[]>();
      const instances = new Map<string, string[]>();
      for (const node of config.nodes()) push(members, node.group, node.name);
      for (const instance of config.instances()) push(instances, config.node(instance.primary_node)?.group ?? "", instance.name);
      return { items: byName<NodeGroup>(config.groups()), ctx: { config, members, instances } };
    }
    case "job":
      return { items: env.jobs(), ctx: { archived: env.isArchived } };
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
