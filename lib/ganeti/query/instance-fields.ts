// Instance query fields, with Ganeti's names and titles (gnt-instance list -o, /2/query/instance).
import { fillBeparams, fillHvparams } from "../objects/fill";
import { HVPARAM_DEFAULTS } from "../objects/defaults";
import type { Instance } from "../objects/types";
import { instanceStatus } from "../opcodes/instance/status";
import type { InstanceRunInfo } from "../rpc/node-rpc";
import { diskUsagePerNode } from "../storage/disk-templates";
import { instanceConsole } from "../hypervisors/console";
import { commonFields, field, NO_DATA, OFFLINE, ORDINALS, UNAVAILABLE, type Field } from "./fields";
import type { InstanceQueryContext } from "./instance-context";

export type { InstanceQueryContext } from "./instance-context";
type F = Field<Instance, InstanceQueryContext>;

const nodeName = (ctx: InstanceQueryContext, uuid: string) => ctx.config.node(uuid)?.name ?? uuid;

/** Live values: no data if the primary did not answer, offline if it is marked so. */
function liveValue(i: Instance, ctx: InstanceQueryContext, get: (info: InstanceRunInfo | undefined) => unknown): unknown {
  if (ctx.live.offline.has(i.primary_node)) return OFFLINE;
  if (!ctx.live.reachable.has(i.primary_node)) return NO_DATA;
  return get(ctx.running.get(i.name));
}

function perDisk(count: number, name: string, title: string, kind: "unit" | "text" | "number", doc: string, get: (i: Instance, ctx: InstanceQueryContext, index: number) => unknown): F[] {
  return Array.from({ length: count }, (_, index) =>
    field<Instance, InstanceQueryContext>(`${name}/${index}`, `${title}/${index}`, kind, `${doc} of ${ORDINALS[index]} ${name.startsWith("nic") ? "network interface" : "disk"}`, (i, ctx) => {
      const value = get(i, ctx, index);
      return value === undefined ? UNAVAILABLE : value;
    }),
  );
}

const disks = (i: Instance, ctx: InstanceQueryContext) => ctx.memo.disks(i);
const nicparams = (i: Instance, ctx: InstanceQueryContext) => ctx.memo.nicparams(i);

/** How to reach a running instance's console, as its hypervisor describes it; unavailable where it gives none. */
function consoleOf(i: Instance, ctx: InstanceQueryContext): unknown {
  const primary = ctx.config.node(i.primary_node);
  if (!primary) return UNAVAILABLE;
  try {
    return instanceConsole({ instance: i, primary, answer: ctx.consoles.get(i.name) });
  } catch {
    return UNAVAILABLE;
  }
}

export const INSTANCE_FIELDS: F[] = [
  field("name", "Instance", "text", "Instance name", (i) => i.name),
  field("os", "OS", "text", "Operating system", (i) => i.os),
  field("pnode", "Primary_node", "text", "Primary node", (i, ctx) => nodeName(ctx, i.primary_node)),
  field("pnode.group", "PrimaryNodeGroup", "text", "Primary node's group", (i, ctx) => ctx.config.group(ctx.config.node(i.primary_node)?.group ?? "")?.name ?? null),
  field("snodes", "Secondary_Nodes", "other", "Secondary nodes; usually this will just be one node", (i, ctx) => ctx.memo.secondaryNodes(i).map((n) => nodeName(ctx, n))),
  field("admin_state", "InstanceState", "text", "Desired state of instance", (i) => i.admin_state),
  field("admin_state_source", "InstanceStateSource", "text", "Who last changed the desired state of the instance", (i) => i.admin_state_source),
  field("admin_up", "Autostart", "bool", "Desired state of instance", (i) => i.admin_state === "up"),
  field("disk_template", "Disk_template", "text", "Instance disk template", (i) => i.disk_template),
  field("disks_active", "DisksActive", "bool", "Desired state of instance disks", (i) => i.disks_active),
  field("hypervisor", "Hypervisor", "text", "Hypervisor name", (i) => i.hypervisor),
  field("network_port", "Network_port", "number", "Instance network port if available (e.g. for VNC console)", (i) => i.network_port),
  field("status", "Status", "text", "Instance status", (i, ctx) => instanceStatus(i, ctx.live), true),
  field("oper_state", "Running", "bool", "Actual state of instance", (i, ctx) => liveValue(i, ctx, (info) => Boolean(info)), true),
  field("oper_ram", "Memory", "unit", "Actual memory usage as seen by hypervisor", (i, ctx) => liveValue(i, ctx, (info) => (info ? info.memory : UNAVAILABLE)), true),
  field("console", "Console", "other", "Instance console information", (i, ctx) => liveValue(i, ctx, (info) => (info ? consoleOf(i, ctx) : UNAVAILABLE)), true),
  field("oper_vcpus", "VCPUs", "number", "Actual number of VCPUs as seen by hypervisor", (i, ctx) => liveValue(i, ctx, (info) => (info ? info.vcpus : UNAVAILABLE)), true),
  field("be/maxmem", "ConfigMaxMem", "unit", 'The "maxmem" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).maxmem),
  field("be/memory", "ConfigMaxMem", "unit", 'The "maxmem" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).maxmem),
  field("be/minmem", "ConfigMinMem", "unit", 'The "minmem" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).minmem),
  field("be/vcpus", "ConfigVCPUs", "number", 'The "vcpus" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).vcpus),
  field("be/auto_balance", "Auto_balance", "bool", 'The "auto_balance" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).auto_balance),
  field("be/always_failover", "be/always_failover", "bool", 'The "always_failover" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).always_failover),
  field("be/spindle_use", "be/spindle_use", "number", 'The "spindle_use" backend parameter', (i, ctx) => fillBeparams(ctx.config.cluster, i).spindle_use),
  field("beparams", "BackendParameters", "other", "Backend parameters (merged)", (i, ctx) => fillBeparams(ctx.config.cluster, i)),
  field("custom_beparams", "CustomBackendParameters", "other", "Custom backend parameters", (i) => i.beparams),
  field("hvparams", "HypervisorParameters", "other", "Hypervisor parameters (merged)", (i, ctx) => ctx.memo.hvparams(i)),
  field("custom_hvparams", "CustomHypervisorParameters", "other", "Custom hypervisor parameters", (i) => i.hvparams),
  field("osparams", "OpSysParameters", "other", "Operating system parameters (merged)", (i, ctx) => ({ ...ctx.config.cluster.osparams[i.os], ...i.osparams })),
  field("custom_osparams", "CustomOpSysParameters", "other", "Custom operating system parameters", (i) => i.osparams),
  ...[...new Set(Object.values(HVPARAM_DEFAULTS).flatMap((p) => Object.keys(p)))].map((name) =>
    field<Instance, InstanceQueryContext>(`hv/${name}`, `hv/${name}`, "other", `The "${name}" hypervisor parameter`, (i, ctx) => {
      const filled = fillHvparams(ctx.config.cluster, i);
      return name in filled ? filled[name] : UNAVAILABLE;
    }),
  ),
  field("forthcoming", "Forthcoming", "bool", "Whether the instance is forthcoming (Gantry has no forthcoming instances)", () => false),
  field("disk.count", "Disks", "number", "Number of disks", (i) => i.disks.length),
  field("disk.sizes", "Disk_sizes", "other", "List of disk sizes", (i, ctx) => disks(i, ctx).map((d) => d.size)),
  field("disk.spindles", "Disk_spindles", "other", "List of disk spindles", (i, ctx) => disks(i, ctx).map((d) => d.spindles)),
  field("disk.names", "Disk_names", "other", "List of disk names", (i, ctx) => disks(i, ctx).map((d) => d.name)),
  field("disk.uuids", "Disk_UUIDs", "other", "List of disk UUIDs", (i) => i.disks),
  field("disk_usage", "DiskUsage", "unit", "Total disk space used by instance on each of its nodes; this is not the disk size visible to the instance, but the usage on the node", (i, ctx) =>
    diskUsagePerNode(i.disk_template, disks(i, ctx).map((d) => d.size)),
  ),
  ...perDisk(16, "disk.size", "Disk", "unit", "Disk size", (i, ctx, n) => disks(i, ctx)[n]?.size),
  ...perDisk(16, "disk.name", "DiskName", "text", "Name", (i, ctx, n) => (disks(i, ctx)[n] ? disks(i, ctx)[n]!.name : undefined)),
  ...perDisk(16, "disk.uuid", "DiskUUID", "text", "UUID", (i, _ctx, n) => i.disks[n]),
  field("nic.count", "NICs", "number", "Number of network interfaces", (i) => i.nics.length),
  field("nic.macs", "NIC_MACs", "other", "List containing each network interface's MAC address", (i) => i.nics.map((n) => n.mac)),
  field("nic.ips", "NIC_IPs", "other", "List containing each network interface's IP address", (i) => i.nics.map((n) => n.ip)),
  field("nic.names", "NIC_Names", "other", "List containing each network interface's name", (i) => i.nics.map((n) => n.name)),
  field("nic.uuids", "NIC_UUIDs", "other", "List containing each network interface's UUID", (i) => i.nics.map((n) => n.uuid)),
  field("nic.modes", "NIC_modes", "other", "List containing each network interface's mode", (i, ctx) => nicparams(i, ctx).map((p) => p.mode)),
  field("nic.links", "NIC_links", "other", "List containing each network interface's link", (i, ctx) => nicparams(i, ctx).map((p) => p.link)),
  field("nic.bridges", "NIC_bridges", "other", "List containing each network interface's bridge", (i, ctx) =>
    nicparams(i, ctx).map((p) => (p.mode === "bridged" ? p.link : null)),
  ),
  field("nic.networks", "NIC_networks", "other", "List containing each interface's network", (i) => i.nics.map((n) => n.network)),
  field("nic.networks.names", "NIC_networks_names", "other", "List containing each interface's network name", (i) => i.nics.map((n) => n.network)),
  field("custom_nicparams", "CustomNicParameters", "other", "Custom network interface parameters", (i) => i.nics.map((n) => n.nicparams)),
  ...perDisk(8, "nic.mac", "NicMAC", "text", "MAC address", (i, _ctx, n) => i.nics[n]?.mac),
  ...perDisk(8, "nic.ip", "NicIP", "text", "IP address", (i, _ctx, n) => (i.nics[n] ? i.nics[n]!.ip : undefined)),
  ...perDisk(8, "nic.link", "NicLink", "text", "Link", (i, ctx, n) => nicparams(i, ctx)[n]?.link),
  field("ip", "IP_address", "text", "IP address of 1st network interface", (i) => (i.nics[0] ? i.nics[0].ip : UNAVAILABLE)),
  field("mac", "MAC_address", "text", "MAC address of 1st network interface", (i) => i.nics[0]?.mac ?? UNAVAILABLE),
  ...commonFields<Instance, InstanceQueryContext>(),
];
