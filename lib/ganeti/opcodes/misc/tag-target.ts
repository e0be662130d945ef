// The object a tag opcode works on (Ganeti's TagsLU): the cluster, or a node, node group or instance by name.
import { z } from "zod";
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { LockSpec } from "../../jobs/locks";
import { groupLock, instanceLock, nodeLock } from "../common";

export const tagKindParam = z.enum(["cluster", "node", "nodegroup", "instance", "network"]);
export type TagKind = z.infer<typeof tagKindParam>;

export type TagTarget = {
  kind: TagKind;
  uuid: string | null;
  /** What the log calls it, e.g. "instance web1.example.org". */
  label: string;
  tags(): string[];
  setTags(config: ConfigStore, tags: string[]): void;
};

function resolve(config: ConfigStore, kind: TagKind, name: string | null | undefined): { uuid: string | null; label: string } {
  if (kind === "cluster") return { uuid: null, label: `cluster ${config.cluster.cluster_name}` };
  if (kind === "network") throw new OpPrereqError("Network tags are not supported: Gantry has no networks yet", "wrong_input");
  if (!name) throw new OpPrereqError(`Tags of a ${kind} need the ${kind}'s name`, "wrong_input");
  const uuid = config.expandName(kind, name);
  const object = kind === "node" ? config.node(uuid) : kind === "instance" ? config.instance(uuid) : config.group(uuid);
  return { uuid, label: `${kind} ${object!.name}` };
}

export function tagTarget(config: ConfigStore, kind: TagKind, name: string | null | undefined): TagTarget {
  const { uuid, label } = resolve(config, kind, name);
  const objectOf = () => (kind === "cluster" ? config.cluster : kind === "node" ? config.node(uuid!) : kind === "instance" ? config.instance(uuid!) : config.group(uuid!))!;
  return {
    kind,
    uuid,
    label,
    tags: () => [...objectOf().tags],
    setTags(store, tags) {
      const change = (o: { tags: string[] }) => (o.tags = tags);
      if (kind === "cluster") store.updateCluster(change);
      else if (kind === "node") store.updateNode(uuid!, change);
      else if (kind === "instance") store.updateInstance(uuid!, change);
      else store.updateGroup(uuid!, change);
    },
  };
}

/** Ganeti locks the tagged object exclusively (cluster tags need no lock: the change is one in-memory step). */
export function tagLocks(config: ConfigStore, kind: TagKind, name: string | null | undefined): LockSpec[] {
  const { uuid } = resolve(config, kind, name);
  if (!uuid) return [];
  return kind === "node" ? [nodeLock(uuid)] : kind === "instance" ? [instanceLock(uuid)] : [groupLock(uuid)];
}
