// The configuration's nodes, instances and groups in Ganeti's nice order of names (Query.hs: niceSortKey), and
// instances by exact name, kept while the configuration's generation stays the same: sorting 10,000 instances on
// every query would cost more than most of the query.
import type { ConfigStore } from "../config/config-store";
import type { Instance, Node, NodeGroup } from "../objects/types";
import { niceSortBy } from "./nice-sort";

type Named = Instance | Node | NodeGroup;
type Kept = { generation: number; lists: Map<string, readonly Named[]>; instancesByName?: ReadonlyMap<string, Instance> };
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
