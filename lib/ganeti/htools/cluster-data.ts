// A cluster description as every htools backend produces it (Ganeti's Loader.ClusterData): arrays indexed by idx.
import type { Instance } from "./instance";
import type { Node } from "./node";
import type { AllocPolicy, IPolicy } from "./types";
import { defaultIPolicy } from "./types";

export type Group = {
  idx: number;
  name: string;
  uuid: string;
  allocPolicy: AllocPolicy;
  networks: string[];
  ipolicy: IPolicy;
  tags: string[];
};

export type ClusterData = {
  groups: Group[];
  nodes: Node[];
  instances: Instance[];
  clusterTags: string[];
  ipolicy: IPolicy;
};

export const emptyCluster = (): ClusterData => ({ groups: [], nodes: [], instances: [], clusterTags: [], ipolicy: defaultIPolicy });

export function createGroup(init: Omit<Group, "idx" | "ipolicy" | "networks" | "tags"> & Partial<Pick<Group, "ipolicy" | "networks" | "tags">>): Group {
  return { idx: -1, networks: [], ipolicy: defaultIPolicy, tags: [], ...init };
}

/** Nodes of one group, in index order. */
export const groupNodes = (data: Pick<ClusterData, "nodes">, gdx: number): Node[] => data.nodes.filter((n) => n.group === gdx);

export const findNodeByName = (data: Pick<ClusterData, "nodes">, name: string): Node | undefined =>
  data.nodes.find((n) => n.name === name || n.alias === name);

export const findInstanceByName = (data: Pick<ClusterData, "instances">, name: string): Instance | undefined =>
  data.instances.find((i) => i.name === name || i.alias === name);

export const findGroupByName = (data: Pick<ClusterData, "groups">, name: string): Group | undefined =>
  data.groups.find((g) => g.name === name || g.uuid === name);
