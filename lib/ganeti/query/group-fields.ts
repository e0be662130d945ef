// Node group query fields (gnt-group list -o, /2/query/group).
import type { ConfigStore } from "../config/config-store";
import { effectiveIpolicy } from "../objects/fill";
import { NDPARAM_DEFAULTS } from "../objects/defaults";
import type { NodeGroup } from "../objects/types";
import { commonFields, field, type Field } from "./fields";

export type GroupQueryContext = { config: ConfigStore; members: Map<string, string[]>; instances: ReadonlyMap<string, readonly string[]> };
type F = Field<NodeGroup, GroupQueryContext>;

export const GROUP_FIELDS: F[] = [
  field("name", "Group", "text", "Group name", (g) => g.name),
  field("alloc_policy", "AllocPolicy", "text", "Allocation policy for group", (g) => g.alloc_policy),
  field("node_cnt", "Nodes", "number", "Number of nodes", (g, ctx) => ctx.members.get(g.uuid)?.length ?? 0),
  field("node_list", "NodeList", "other", "List of nodes", (g, ctx) => ctx.members.get(g.uuid) ?? []),
  field("pinst_cnt", "Instances", "number", "Number of primary instances", (g, ctx) => ctx.instances.get(g.uuid)?.length ?? 0),
  field("pinst_list", "InstanceList", "other", "List of primary instances", (g, ctx) => ctx.instances.get(g.uuid) ?? []),
  field("ipolicy", "InstancePolicy", "other", "Instance policy limitations (merged)", (g, ctx) => effectiveIpolicy(ctx.config.cluster, g)),
  field("custom_ipolicy", "CustomInstancePolicy", "other", "Custom instance policy limitations", (g) => g.ipolicy),
  field("ndparams", "NDParams", "other", "Node parameters", (g, ctx) => ({ ...NDPARAM_DEFAULTS, ...ctx.config.cluster.ndparams, ...g.ndparams })),
  field("custom_ndparams", "CustomNDParams", "other", "Custom node parameters", (g) => g.ndparams),
  field("diskparams", "DiskParameters", "other", "Disk parameters (merged)", (g, ctx) => ({ ...ctx.config.cluster.diskparams, ...g.diskparams })),
  field("custom_diskparams", "CustomDiskParameters", "other", "Custom disk parameters", (g) => g.diskparams),
  field("networks", "Networks", "other", "Node group networks", () => []),
  ...commonFields<NodeGroup, GroupQueryContext>(),
];
