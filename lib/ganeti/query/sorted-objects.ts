// The configuration's nodes, instances and groups in Ganeti's nice order of names (Query.hs: niceSortKey), and
// instances by exact name, by node and by group, kept while the configuration's generation stays the same: sorting
// or grouping 40,000 instances on every query would cost more than most of the query. Nothing returned here is to be
// changed by the caller.
import type { ConfigStore } from "../config/config-store";
import type { Instance, Node, NodeGroup } from "../objects/types";
import { niceSortBy } from "./nice-sort";

type Named = Instance | Node | NodeGroup;
type ByNode = { primaries: ReadonlyMap<string, readonly string[]>; secondaries: ReadonlyMap<string, readonly string[]> };
type Kept = {
  generation: number;
  lists: Map<string, readonly Named[]>;
  instancesByName?: ReadonlyMap<string, Instance>;
  instancesByNode?: ByNode;
  instancesByGroup?: ReadonlyMap<string, readonly string[]>;
};
const kept = new WeakMap<ConfigStore, Kept>();

/** What is kept for the configuration's current generation (anything older is dropped). */
function keptFor(config: ConfigStore): Kept {
  let entry = kept.get(config);
  if (!entry || entry.generation !== config.generation) kept.set(config, (entry = { generation: config.generation, lists: new Map() }));
  return entry;
}

/** Instances by exact name (the names nodes report). */
export function instancesByName(config: ConfigStore): ReadonlyMap<string, Instance> {
  const entry = keptFor(config);
  return (entry.instancesByName ??= new Map(sortedByName(config, "instance").map((i) => [i.name, i])));
}

/** The objects of a kind in nice order (not to be changed by the caller). */
export function sortedByName(config: ConfigStore, kind: "instance"): readonly Instance[];
export function sortedByName(config: ConfigStore, kind: "node"): readonly Node[];
export function sortedByName(config: ConfigStore, kind: "group"): readonly NodeGroup[];
export function sortedByName(config: ConfigStore, kind: "instance" | "node" | "group"): readonly Named[] {
  const { lists } = keptFor(config);
  let list = lists.get(kind);
  if (!list) {
    const objects: Named[] = kind === "instance" ? config.instances() : kind === "node" ? config.nodes() : config.groups();
    lists.set(kind, (list = niceSortBy(objects, (o) => o.name)));
  }
  return list;
}

/** Instance names by primary and by secondary node uuid, in nice order (Ganeti's pinst_list, sinst_list). */
export function instancesByNode(config: ConfigStore): ByNode {
  const entry = keptFor(config);
  if (!entry.instancesByNode) {
    const primaries = new Map<string, string[]>();
    const secondaries = new Map<string, string[]>();
    for (const instance of sortedByName(config, "instance")) {
      push(primaries, instance.primary_node, instance.name);
      for (const node of config.secondaryNodes(instance)) push(secondaries, node, instance.name);
    }
    entry.instancesByNode = { primaries, secondaries };
  }
  return entry.instancesByNode;
}

/** Instance names by the node group of their primary node. */
export function instancesByGroup(config: ConfigStore): ReadonlyMap<string, readonly string[]> {
  const entry = keptFor(config);
  if (!entry.instancesByGroup) {
    const byGroup = new Map<string, string[]>();
    for (const instance of config.instances()) push(byGroup, config.node(instance.primary_node)?.group ?? "", instance.name);
    entry.instancesByGroup = byGroup;
  }
  return entry.instancesByGroup;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
