// Node query fields, with Ganeti's names and titles (gnt-node list -o, /2/query/node).
import type { ConfigStore } from "../config/config-store";
import { NDPARAM_DEFAULTS } from "../objects/defaults";
import { fillNdparams } from "../objects/fill";
import type { Node } from "../objects/types";
import type { NodeInfo } from "../rpc/node-rpc";
import { commonFields, field, NO_DATA, OFFLINE, type Field } from "./fields";

export type NodeQueryContext = {
  config: ConfigStore;
  info: Map<string, NodeInfo>;
  primaries: ReadonlyMap<string, readonly string[]>;
  secondaries: ReadonlyMap<string, readonly string[]>;
};
type F = Field<Node, NodeQueryContext>;

export function nodeRole(config: ConfigStore, node: Node): "M" | "C" | "R" | "D" | "O" {
  if (node.uuid === config.cluster.master_node) return "M";
  if (node.offline) return "O";
  if (node.drained) return "D";
  if (node.master_candidate) return "C";
  return "R";
}

function live(get: (info: NodeInfo) => unknown) {
  return (node: Node, ctx: NodeQueryContext) => {
    if (node.offline) return OFFLINE;
    const info = ctx.info.get(node.uuid);
    return info ? get(info) : NO_DATA;
  };
}

export const NODE_FIELDS: F[] = [
  field("name", "Node", "text", "Node name", (n) => n.name),
  field("pip", "PrimaryIP", "text", "Primary IP address", (n) => n.primary_ip),
  field("sip", "SecondaryIP", "text", "Secondary IP address", (n) => n.secondary_ip),
  field("master", "IsMaster", "bool", "Whether node is master", (n, ctx) => n.uuid === ctx.config.cluster.master_node),
  field("master_candidate", "MasterC", "bool", "Whether node is a master candidate", (n) => n.master_candidate),
  field("master_capable", "MasterCapable", "bool", "Whether node can become a master candidate", (n) => n.master_capable),
  field("vm_capable", "VMCapable", "bool", "Whether node can host instances", (n) => n.vm_capable),
  field("offline", "Offline", "bool", "Whether node is marked offline", (n) => n.offline),
  field("drained", "Drained", "bool", "Whether node is drained", (n) => n.drained),
  field("powered", "Powered", "bool", "Whether node is thought to be powered on", (n) => n.powered),
  field("role", "Role", "text", 'Node role; "M" for master, "C" for master candidate, "R" for regular, "D" for drained, "O" for offline', (n, ctx) => nodeRole(ctx.config, n)),
  field("group", "Group", "text", "Node group", (n, ctx) => ctx.config.group(n.group)?.name ?? null),
  field("group.uuid", "GroupUUID", "text", "UUID of node group", (n) => n.group),
  field("ndparams", "NodeParameters", "other", "Merged node parameters", (n, ctx) => fillNdparams(ctx.config.cluster, ctx.config.group(n.group), n)),
  field("custom_ndparams", "CustomNodeParameters", "other", "Custom node parameters", (n) => n.ndparams),
  field("virtual", "Virtual", "bool", "Whether the node is simulated by the master (Gantry virtual node)", (n) => n.transport === "virtual"),
  field("pinst_cnt", "Pinst", "number", "Number of instances with this node as primary", (n, ctx) => ctx.primaries.get(n.uuid)?.length ?? 0),
  field("sinst_cnt", "Sinst", "number", "Number of instances with this node as secondary", (n, ctx) => ctx.secondaries.get(n.uuid)?.length ?? 0),
  field("pinst_list", "PriInstances", "other", "List of instances with this node as primary", (n, ctx) => ctx.primaries.get(n.uuid) ?? []),
  field("sinst_list", "SecInstances", "other", "List of instances with this node as secondary", (n, ctx) => ctx.secondaries.get(n.uuid) ?? []),
  field("mtotal", "MTotal", "unit", "Total amount of memory of physical machine", live((i) => i.memory_total), true),
  field("mnode", "MNode", "unit", "Amount of memory used by node (dom0 for Xen)", live((i) => i.memory_dom0), true),
  field("mfree", "MFree", "unit", "Memory available for instance allocations", live((i) => i.memory_free), true),
  field("dtotal", "DTotal", "unit", "Total disk space in volume group used for instance disk allocation", live((i) => i.storage_total), true),
  field("dfree", "DFree", "unit", "Available disk space in volume group", live((i) => i.storage_free), true),
  field("sptotal", "SpTotal", "number", "Total spindles in volume group (exclusive_storage only)", live((i) => i.spindles_total), true),
  field("spfree", "SpFree", "number", "Available spindles in volume group (exclusive_storage only)", live((i) => i.spindles_free), true),
  field("ctotal", "CTotal", "number", "Number of logical processors", live((i) => i.cpu_total), true),
  field("cnos", "CNOs", "number", "Number of logical processors used by the node OS (dom0 for Xen)", live(() => 1), true),
  field("cnodes", "CNodes", "number", "Number of NUMA domains on node (if exported by hypervisor)", live((i) => i.cpu_nodes), true),
  field("csockets", "CSockets", "number", "Number of physical CPU sockets (if exported by hypervisor)", live((i) => i.cpu_sockets), true),
  field("bootid", "BootID", "text", "Random UUID renewed for each system reboot, can be used for detecting reboots by tracking changes", live((i) => i.bootid), true),
  // One field per node parameter, as Ganeti's ndp/* (htools' luxi backend reads spindle_count, exclusive_storage, cpu_speed).
  ...Object.keys(NDPARAM_DEFAULTS).map((name) =>
    field<Node, NodeQueryContext>(`ndp/${name}`, `ndp/${name}`, "other", `The "${name}" node parameter`, (n, ctx) => fillNdparams(ctx.config.cluster, ctx.config.group(n.group), n)[name]),
  ),
  ...commonFields<Node, NodeQueryContext>(),
];
