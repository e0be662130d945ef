// gnt-instance add: Ganeti's options turned into OP_INSTANCE_CREATE.
import type { OpInput } from "../../jobs/job";
import { parseUnit } from "../../objects/units";
import { OPT, UsageError, type OptionSpec, type Options } from "../command";
import { parseIndexedParams, parseKeyValues } from "../values";

export const INSTANCE_ADD_OPTIONS: Record<string, OptionSpec> = {
  diskTemplate: { type: "string", short: "t", help: "Disk template: diskless, file, sharedfile, plain, drbd", arg: "TEMPLATE" },
  node: { type: "string", short: "n", help: "Primary node, and for drbd the secondary: PNODE[:SNODE]", arg: "NODE" },
  iallocator: { type: "string", short: "I", help: "Choose the nodes with this allocator (hail)", arg: "NAME" },
  nodeGroup: { type: "string", short: "g", help: "Node group to allocate in (with -I)", arg: "GROUP" },
  osType: { type: "string", short: "o", help: "Operating system to install (noop, image)", arg: "OS" },
  osParameters: { type: "string", short: "O", help: "OS parameters, key=value,...", arg: "PARAMS" },
  backendParameters: { type: "string", short: "B", help: "Backend parameters, e.g. memory=1G,vcpus=2", arg: "PARAMS" },
  hypervisorParameters: { type: "string", short: "H", help: "Hypervisor and its parameters, HV[:key=value,...]", arg: "HV:PARAMS" },
  disk: { type: "string", multiple: true, help: "Disk N:size=SIZE[,mode=rw|ro][,name=NAME] (repeat for more disks)", arg: "N:PARAMS" },
  osSize: { type: "string", short: "s", help: "Size of a single disk (same as --disk 0:size=SIZE)", arg: "SIZE" },
  net: { type: "string", multiple: true, help: "NIC N:mac=auto,ip=IP,mode=bridged,link=br0 (repeat for more)", arg: "N:PARAMS" },
  noNics: { type: "boolean", help: "Create the instance without network interfaces" },
  noStart: { type: "boolean", help: "Do not start the instance after creating it" },
  noInstall: { type: "boolean", help: "Do not install the OS" },
  nameCheck: { type: "boolean", help: "Check that the instance name resolves in DNS (Gantry does not by default)" },
  noNameCheck: { type: "boolean", help: "Do not check the name in DNS (the default)" },
  noIpCheck: { type: "boolean", help: "Do not check the IP (the default)" },
  noWaitForSync: { type: "boolean", help: "Do not wait for DRBD disks to sync" },
  tags: { type: "string", help: "Tags, comma-separated", arg: "TAG,..." },
  fileStorageDir: { type: "string", help: "Directory for file disks", arg: "DIR" },
  fileDriver: { type: "string", help: "File driver: loop", arg: "DRIVER" },
  ignoreIpolicy: { type: "boolean", help: "Ignore the instance policy" },
  submit: OPT.submit,
  dryRun: OPT.dryRun,
  priority: OPT.priority,
};

export function instanceAddOp(name: string, o: Options): OpInput {
  if (!o.diskTemplate) throw new UsageError("A disk template is required: -t diskless|file|sharedfile|plain|drbd");
  if (o.node && o.iallocator) throw new UsageError("Give either -n NODE or -I ALLOCATOR, not both");
  const op: OpInput = {
    OP_ID: "OP_INSTANCE_CREATE",
    instance_name: name,
    mode: "create",
    disk_template: o.diskTemplate,
    disks: disks(o),
    nics: o.noNics ? [] : nics(o),
    start: !o.noStart,
    no_install: Boolean(o.noInstall),
    name_check: Boolean(o.nameCheck),
    ip_check: false,
    wait_for_sync: !o.noWaitForSync,
    ignore_ipolicy: Boolean(o.ignoreIpolicy),
    tags: typeof o.tags === "string" ? o.tags.split(",").filter(Boolean) : [],
  };
  if (typeof o.node === "string") {
    const [pnode, snode] = o.node.split(":");
    op.pnode = pnode;
    if (snode) op.snode = snode;
  } else if (o.iallocator) op.iallocator = o.iallocator;
  if (o.nodeGroup) op.group_name = o.nodeGroup;
  if (o.osType) op.os_type = o.osType;
  if (o.osParameters) op.osparams = parseKeyValues(String(o.osParameters), "-O");
  if (o.backendParameters) op.beparams = parseKeyValues(String(o.backendParameters), "-B");
  if (typeof o.hypervisorParameters === "string") {
    const [hv, rest] = o.hypervisorParameters.split(/:(.*)/s);
    op.hypervisor = hv;
    if (rest) op.hvparams = parseKeyValues(rest, "-H");
  }
  if (o.fileStorageDir) op.file_storage_dir = o.fileStorageDir;
  if (o.fileDriver) op.file_driver = o.fileDriver;
  return op;
}

function disks(o: Options): Array<Record<string, unknown>> {
  if (o.osSize && Array.isArray(o.disk) && o.disk.length) throw new UsageError("Give either -s SIZE or --disk, not both");
  if (o.osSize) return [{ size: parseUnit(String(o.osSize)) }];
  if (!Array.isArray(o.disk)) return [];
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const spec of o.disk) {
    const [index, params] = parseIndexedParams(spec, "--disk");
    if (typeof index !== "number") throw new UsageError(`Invalid --disk '${spec}': start with the disk index, e.g. 0:size=10G`);
    if (byIndex.has(index)) throw new UsageError(`Disk ${index} given twice`);
    if (params.size === undefined && params.adopt === undefined) throw new UsageError(`Missing size for disk ${index}: use --disk ${index}:size=SIZE`);
    if (params.size !== undefined) params.size = parseUnit(String(params.size));
    byIndex.set(index, params);
  }
  const indexes = [...byIndex.keys()].sort((a, b) => a - b);
  indexes.forEach((index, position) => {
    if (index !== position) throw new UsageError(`Disk indexes must be 0, 1, 2...; disk ${position} is missing`);
  });
  return indexes.map((i) => byIndex.get(i)!);
}

function nics(o: Options): Array<Record<string, unknown>> {
  if (!Array.isArray(o.net) || !o.net.length) return [{}];
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const spec of o.net) {
    const [index, params] = parseIndexedParams(spec, "--net");
    if (typeof index !== "number") throw new UsageError(`Invalid --net '${spec}': start with the NIC index, e.g. 0:link=br0`);
    byIndex.set(index, params);
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}
