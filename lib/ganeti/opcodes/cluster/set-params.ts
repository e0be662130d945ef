// OP_CLUSTER_SET_PARAMS (gnt-cluster modify, RAPI /2/modify): every field of Ganeti 3.0's opcode is accepted;
// those Gantry implements are checked as Ganeti checks them and applied together, under the Big Ganeti Lock.
// Fields for features Gantry does not have (external master IP scripts, data collectors, ...) are refused by name.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Cluster } from "../../objects/types";
import { adjustCandidatePool, trimCandidatePool } from "../node/candidate-pool";
import { defineOpcode, nonEmptyString, opParams } from "../definition";
import { distributeConfig } from "./distribute";
import { planStorage } from "./set-params-storage";
import { planValues } from "./set-params-values";

const dict = z.record(z.string(), z.unknown());
const opt = <T extends z.ZodTypeAny>(t: T) => t.nullable().optional();
const uidRanges = opt(z.array(z.tuple([z.number().int(), z.number().int()])));
const osMods = opt(z.array(z.tuple([z.enum(["add", "remove"]), nonEmptyString()])));

const params = opParams({
  force: z.boolean().default(false),
  hv_state: opt(z.unknown()),
  disk_state: opt(z.unknown()),
  vg_name: opt(z.string()),
  enabled_hypervisors: opt(z.array(z.string())),
  hvparams: opt(z.record(z.string(), dict)),
  beparams: opt(dict),
  os_hvp: opt(z.record(z.string(), z.record(z.string(), dict.nullable()))),
  osparams: opt(z.record(z.string(), dict)),
  osparams_private_cluster: opt(z.record(z.string(), dict)),
  diskparams: opt(z.record(z.string(), dict)),
  candidate_pool_size: opt(z.number().int()),
  max_running_jobs: opt(z.number().int()),
  max_tracked_jobs: opt(z.number().int()),
  uid_pool: uidRanges,
  add_uids: uidRanges,
  remove_uids: uidRanges,
  maintain_node_health: opt(z.boolean()),
  prealloc_wipe_disks: opt(z.boolean()),
  nicparams: opt(dict),
  ndparams: opt(dict),
  ipolicy: opt(dict),
  drbd_helper: opt(z.string()),
  default_iallocator: opt(z.string()),
  default_iallocator_params: opt(dict),
  mac_prefix: opt(nonEmptyString()),
  master_netdev: opt(z.string()),
  master_netmask: opt(z.number().int()),
  reserved_lvs: opt(z.array(nonEmptyString())),
  hidden_os: osMods,
  blacklisted_os: osMods,
  use_external_mip_script: opt(z.boolean()),
  enabled_disk_templates: opt(z.array(z.string())),
  modify_etc_hosts: opt(z.boolean()),
  file_storage_dir: opt(z.string()),
  shared_file_storage_dir: opt(z.string()),
  gluster_storage_dir: opt(z.string()),
  install_image: opt(z.string()),
  instance_communication_network: opt(z.string()),
  zeroing_image: opt(z.string()),
  compression_tools: opt(z.array(nonEmptyString())),
  enabled_user_shutdown: opt(z.boolean()),
  enabled_data_collectors: opt(z.record(z.string(), z.boolean())),
  data_collector_interval: opt(z.record(z.string(), z.number())),
});
export type ClusterSetParams = z.infer<typeof params>;

/** Fields Gantry has no feature behind: a value other than "unset" is refused. */
const UNSUPPORTED: Array<[keyof ClusterSetParams, string]> = [
  ["hv_state", "static hypervisor state"],
  ["disk_state", "static disk state"],
  ["osparams_private_cluster", "private cluster OS parameters"],
  ["default_iallocator_params", "iallocator parameters"],
  ["use_external_mip_script", "external master IP scripts"],
  ["modify_etc_hosts", "managing /etc/hosts"],
  ["gluster_storage_dir", "Gluster storage"],
  ["install_image", "install images"],
  ["zeroing_image", "zeroing images"],
  ["instance_communication_network", "the instance communication network"],
  ["compression_tools", "compression tools for moves and exports"],
  ["enabled_data_collectors", "monitoring data collectors"],
  ["data_collector_interval", "monitoring data collectors"],
];

type Plan = { changes: Partial<Cluster>; notes: string[] };

export const clusterSetParams = defineOpcode<ClusterSetParams, Plan>({
  id: "OP_CLUSTER_SET_PARAMS",
  params,
  exclusiveBgl: true,
  locks: () => [],
  async prereq(ctx, p) {
    for (const [field, feature] of UNSUPPORTED) {
      const value = p[field];
      const unset = value === null || value === undefined || value === false || value === "" || (typeof value === "object" && Object.keys(value as object).length === 0);
      if (!unset) throw new OpPrereqError(`Parameter ${field} is not supported by Gantry (no ${feature})`, "wrong_input");
    }
    const notes: string[] = [];
    const warn = (line: string) => ctx.log(line);
    const changes: Partial<Cluster> = {
      ...planScalars(ctx.config.cluster, p, ctx.allocator.name, notes),
      ...planStorage(ctx.config, p, warn),
      ...(await planValues(ctx.config, ctx.rpc, p, warn)),
    };
    return { changes, notes };
  },
  async exec(ctx, _p, { changes, notes }) {
    for (const note of notes) ctx.log(note);
    ctx.config.updateCluster((c) => Object.assign(c, structuredClone(changes)));
    let refresh: string[] = [];
    if (changes.candidate_pool_size !== undefined) {
      trimCandidatePool(ctx);
      refresh = adjustCandidatePool(ctx);
    }
    if (changes.max_running_jobs !== undefined) {
      ctx.log(`- INFO: max_running_jobs is now ${changes.max_running_jobs}; the master daemon applies it when it next starts (gnt-cluster stop-master)`);
    }
    await ctx.config.commit();
    if (refresh.length) await distributeConfig(ctx, refresh);
    return null;
  },
});

/** The scalar settings and lists, with Ganeti's checks. */
function planScalars(cluster: Cluster, p: ClusterSetParams, allocator: string, notes: string[]): Partial<Cluster> {
  const changes: Partial<Cluster> = {};
  if (p.candidate_pool_size !== null && p.candidate_pool_size !== undefined) {
    if (p.candidate_pool_size < 1) throw new OpPrereqError("At least one master candidate needed", "wrong_input");
    changes.candidate_pool_size = p.candidate_pool_size;
  }
  for (const field of ["max_running_jobs", "max_tracked_jobs"] as const) {
    const value = p[field];
    if (value === null || value === undefined) continue;
    if (value < 1) throw new OpPrereqError(`${field} must be at least 1, not ${value}`, "wrong_input");
    changes[field] = value;
  }
  for (const field of ["maintain_node_health", "prealloc_wipe_disks", "enabled_user_shutdown"] as const) {
    if (typeof p[field] === "boolean") changes[field] = p[field]!;
  }
  if (p.default_iallocator !== null && p.default_iallocator !== undefined) {
    if (p.default_iallocator && p.default_iallocator !== allocator) {
      throw new OpPrereqError(`Invalid default iallocator script '${p.default_iallocator}' specified (available: ${allocator})`, "wrong_input");
    }
    changes.default_iallocator = p.default_iallocator;
  }
  if (p.mac_prefix) {
    const prefix = p.mac_prefix.toLowerCase();
    if (!/^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/.test(prefix)) throw new OpPrereqError(`Invalid MAC address prefix given: ${p.mac_prefix}`, "wrong_input");
    changes.mac_prefix = prefix;
  }
  if (p.master_netdev) {
    notes.push(`- INFO: Changing master_netdev from ${cluster.master_netdev} to ${p.master_netdev} (a virtual cluster configures no master IP on it)`);
    changes.master_netdev = p.master_netdev;
  }
  if (p.master_netmask !== null && p.master_netmask !== undefined) {
    if (p.master_netmask < 0 || p.master_netmask > (cluster.primary_ip_family === 10 ? 128 : 32)) {
      throw new OpPrereqError(`CIDR netmask (${p.master_netmask}) not valid`, "wrong_input");
    }
    notes.push(`- INFO: Changing master IP netmask to ${p.master_netmask}`);
    changes.master_netmask = p.master_netmask;
  }
  if (p.reserved_lvs) {
    for (const pattern of p.reserved_lvs) {
      try {
        new RegExp(pattern);
      } catch {
        throw new OpPrereqError(`Invalid reserved volume pattern '${pattern}'`, "wrong_input");
      }
    }
    changes.reserved_lvs = [...p.reserved_lvs];
  }
  const uidPool = planUidPool(cluster.uid_pool, p);
  if (uidPool) changes.uid_pool = uidPool;
  for (const [field, desc] of [["hidden_os", "hidden"], ["blacklisted_os", "blacklisted"]] as const) {
    const mods = p[field];
    if (!mods?.length) continue;
    const list = [...cluster[field]];
    for (const [action, os] of mods) {
      if (action === "add") {
        if (list.includes(os)) notes.push(`OS ${os} already in ${desc} OS list, ignoring`);
        else list.push(os);
      } else if (list.includes(os)) list.splice(list.indexOf(os), 1);
      else notes.push(`OS ${os} not found in ${desc} OS list, ignoring`);
    }
    changes[field] = list;
  }
  return changes;
}

/** Ganeti's uidpool: ranges (lo, hi) with lo <= hi; add_uids appends, remove_uids needs an exact range. */
function planUidPool(current: Array<[number, number]>, p: ClusterSetParams): Array<[number, number]> | null {
  const check = (ranges: Array<[number, number]>) => {
    for (const [lo, hi] of ranges) if (lo < 0 || hi < lo) throw new OpPrereqError(`Invalid user-id range specified: (${lo}, ${hi})`, "wrong_input");
    return ranges;
  };
  if (!p.uid_pool && !p.add_uids && !p.remove_uids) return null;
  let pool = current.map((r) => [...r] as [number, number]);
  for (const range of check(p.add_uids ?? [])) if (!pool.some((r) => r[0] === range[0] && r[1] === range[1])) pool.push(range);
  for (const range of check(p.remove_uids ?? [])) {
    const index = pool.findIndex((r) => r[0] === range[0] && r[1] === range[1]);
    if (index < 0) throw new OpPrereqError(`User-id range to be removed is not found in the current user-id pool: (${range[0]}, ${range[1]})`, "wrong_input");
    pool.splice(index, 1);
  }
  if (p.uid_pool) pool = check(p.uid_pool);
  return pool;
}
