// OP_INSTANCE_QUERY_DATA (gnt-instance info, RAPI /2/instances/[i]/info): everything about instances, keyed by
// name, in Ganeti's LUInstanceQueryData shape (cli/programs/instance-info-format.ts prints it). `static` answers
// from the configuration alone; otherwise the nodes are asked for the run state and the disks' mirror status.
import { z } from "zod";
import { fillBeparams, fillHvparams, fillNicparams } from "../../objects/fill";
import type { Instance, Params } from "../../objects/types";
import { instanceLock, nodeLocks, nodeName } from "../common";
import { defineOpcode, nonEmptyString, opParams, type OpContext } from "../definition";
import { diskInfo } from "./query-data-disks";

const params = opParams({
  instances: z.array(nonEmptyString()).default([]),
  static: z.boolean().default(false),
  use_locking: z.boolean().default(false),
});

type QueryDataParams = z.infer<typeof params>;

function selected(ctx: OpContext, p: QueryDataParams): Instance[] {
  if (!p.instances.length) return ctx.config.instances();
  const uuids = new Set(p.instances.map((name) => ctx.config.expandName("instance", name)));
  return [...uuids].map((uuid) => ctx.config.instance(uuid)!);
}

export const instanceQueryData = defineOpcode<QueryDataParams, { instances: Instance[] }>({
  id: "OP_INSTANCE_QUERY_DATA",
  params,
  locks(ctx, p) {
    // Reading only: shared locks, and none at all for a static query without locking (Ganeti's behaviour).
    if (p.static && !p.use_locking) return [];
    const instances = selected(ctx, p);
    return [...instances.map((i) => instanceLock(i.uuid, "shared")), ...nodeLocks(instances.flatMap((i) => ctx.config.instanceNodes(i)), "shared")];
  },
  prereq(ctx, p) {
    if (!p.static && !p.use_locking) ctx.log(" - WARNING: Non-static data requested, locks need to be acquired");
    return { instances: selected(ctx, p).sort((a, b) => a.name.localeCompare(b.name)) };
  },
  async exec(ctx, p, { instances }) {
    const entries = await Promise.all(instances.map(async (instance) => [instance.name, await instanceData(ctx, instance, p.static)] as const));
    return Object.fromEntries(entries);
  },
});

async function instanceData(ctx: OpContext, instance: Instance, isStatic: boolean) {
  const { config } = ctx;
  const cluster = config.cluster;
  const pnode = config.node(instance.primary_node)!;
  const snodes = config.secondaryNodes(instance);
  const groupOf = (node: string) => config.node(node)?.group ?? "";
  const groupName = (uuid: string) => config.group(uuid)?.name ?? uuid;
  const [runState, disks] = await Promise.all([
    runStateOf(ctx, instance, isStatic),
    Promise.all(config.instanceDisks(instance).map((disk) => diskInfo(ctx, instance, disk, null, isStatic))),
  ]);
  const osBase = instance.os.split("+")[0]!;
  return {
    name: instance.name,
    config_state: instance.admin_state,
    run_state: runState,
    pnode: pnode.name,
    pnode_group_uuid: pnode.group,
    pnode_group_name: groupName(pnode.group),
    snodes: snodes.map((n) => nodeName(config, n)),
    snodes_group_uuids: snodes.map(groupOf),
    snodes_group_names: snodes.map((n) => groupName(groupOf(n))),
    os: instance.os,
    nics: instance.nics.map((nic) => {
      const filled = fillNicparams(cluster, nic);
      return { mac: nic.mac, ip: nic.ip, mode: filled.mode, link: filled.link, vlan: filled.vlan ?? "", network: nic.network, uuid: nic.uuid, name: nic.name };
    }),
    disk_template: instance.disk_template,
    disks,
    hypervisor: instance.hypervisor,
    network_port: instance.network_port,
    hv_instance: instance.hvparams,
    hv_actual: fillHvparams(cluster, instance),
    be_instance: instance.beparams,
    be_actual: fillBeparams(cluster, instance),
    os_instance: instance.osparams,
    // Ganeti's SimpleFillOS: cluster values for the OS, then for the OS variant, then the instance's own.
    os_actual: { ...cluster.osparams[osBase], ...cluster.osparams[instance.os], ...instance.osparams } as Params,
    serial_no: instance.serial_no,
    mtime: instance.mtime,
    ctime: instance.ctime,
    uuid: instance.uuid,
    tags: instance.tags,
  };
}

/** "up" when running; otherwise the admin state ("down" for an instance that should run but does not). */
async function runStateOf(ctx: OpContext, instance: Instance, isStatic: boolean): Promise<string | null> {
  if (isStatic) return null;
  const pnode = ctx.config.node(instance.primary_node)!;
  if (pnode.offline) {
    ctx.log(`- WARNING: Primary node ${pnode.name} is marked offline, returning static information only for instance ${instance.name}`);
    return null;
  }
  try {
    if (await ctx.rpc.node(pnode.uuid).instanceInfo(instance.name)) return "up";
  } catch (error) {
    ctx.log(`- WARNING: Error checking node ${pnode.name}: ${(error as Error).message}`);
    return null;
  }
  return instance.admin_state === "up" ? "down" : instance.admin_state;
}
