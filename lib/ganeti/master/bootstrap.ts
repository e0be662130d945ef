// gnt-cluster init: writes a new cluster's configuration and creates its master node (a virtual node, simulated by
// masterd) in a state directory. Runs without a master daemon, like Ganeti's bootstrap.InitCluster.
import fs from "node:fs";
import path from "node:path";
import { ConfigStore } from "../config/config-store";
import { OpPrereqError } from "../errors";
import { DEFAULT_FILE_STORAGE_DIR, DEFAULT_MAC_PREFIX, DEFAULT_SHARED_FILE_STORAGE_DIR, DEFAULT_VG, DISKPARAM_DEFAULTS, IPOLICY_DEFAULTS, NICPARAM_DEFAULTS } from "../objects/defaults";
import { newUuid, nowSeconds } from "../objects/ids";
import { HOSTNAME_RE } from "../objects/names";
import { CONFIG_VERSION, type ConfigData, type DiskTemplate, type HypervisorName, type Node, type Params } from "../objects/types";
import { VirtualNodeHost } from "../node/virtual-host";
import type { VirtualHardware } from "../node/virtual-node-state";

export type InitOptions = {
  stateDir: string;
  clusterName: string;
  masterNode: string;
  masterIp?: string;
  hardware: VirtualHardware;
  enabledHypervisors?: HypervisorName[];
  enabledDiskTemplates?: DiskTemplate[];
  volumeGroup?: string;
  fileStorageDir?: string;
  sharedFileStorageDir?: string;
  macPrefix?: string;
  candidatePoolSize?: number;
  masterNetdev?: string;
  nicparams?: Params;
  beparams?: Params;
  hvparams?: Record<string, Params>;
  maxRunningJobs?: number;
};

export function initCluster(options: InitOptions): ConfigData {
  const name = options.clusterName.toLowerCase();
  const master = options.masterNode.toLowerCase();
  if (!HOSTNAME_RE.test(name)) throw new OpPrereqError(`Invalid cluster name '${options.clusterName}': use a host name such as cluster1.example.org`, "wrong_input");
  if (!HOSTNAME_RE.test(master)) throw new OpPrereqError(`Invalid master node name '${options.masterNode}'`, "wrong_input");
  fs.mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(path.join(options.stateDir, "config.data"))) {
    throw new OpPrereqError(`Cluster is already initialised in ${options.stateDir}; destroy it first (gnt-cluster destroy --yes-do-it)`, "already_exists");
  }
  const hypervisors = options.enabledHypervisors ?? ["fake"];
  const templates = options.enabledDiskTemplates ?? ["drbd", "plain", "file", "sharedfile", "diskless"];
  const now = nowSeconds();
  const groupUuid = newUuid();
  const masterUuid = newUuid();
  const masterIp = options.masterIp ?? "198.18.0.1";
  const masterNode: Node = {
    uuid: masterUuid,
    name: master,
    primary_ip: masterIp,
    secondary_ip: masterIp,
    master_candidate: true,
    offline: false,
    drained: false,
    group: groupUuid,
    master_capable: true,
    vm_capable: true,
    ndparams: {},
    powered: true,
    transport: "virtual",
    tags: [],
    serial_no: 1,
    ctime: now,
    mtime: now,
  };
  const data: ConfigData = {
    version: CONFIG_VERSION,
    cluster: {
      uuid: newUuid(),
      cluster_name: name,
      master_node: masterUuid,
      master_ip: masterIp,
      master_netdev: options.masterNetdev ?? "br0",
      master_netmask: 32,
      mac_prefix: options.macPrefix ?? DEFAULT_MAC_PREFIX,
      highest_used_port: 10999,
      tcpudp_port_pool: [],
      enabled_hypervisors: hypervisors,
      hvparams: options.hvparams ?? {},
      os_hvp: {},
      beparams: { default: options.beparams ?? {} },
      osparams: {},
      nicparams: { default: { ...NICPARAM_DEFAULTS, ...options.nicparams } },
      ndparams: {},
      diskparams: structuredClone(DISKPARAM_DEFAULTS),
      ipolicy: { ...structuredClone(IPOLICY_DEFAULTS), "disk-templates": templates },
      candidate_pool_size: options.candidatePoolSize ?? 10,
      default_iallocator: "hail",
      enabled_disk_templates: templates,
      file_storage_dir: options.fileStorageDir ?? DEFAULT_FILE_STORAGE_DIR,
      shared_file_storage_dir: options.sharedFileStorageDir ?? DEFAULT_SHARED_FILE_STORAGE_DIR,
      volume_group_name: options.volumeGroup ?? DEFAULT_VG,
      drbd_usermode_helper: "/bin/true",
      maintain_node_health: false,
      prealloc_wipe_disks: false,
      reserved_lvs: [],
      hidden_os: [],
      blacklisted_os: [],
      uid_pool: [],
      primary_ip_family: 2,
      max_running_jobs: options.maxRunningJobs ?? 20,
      max_tracked_jobs: 25,
      enabled_user_shutdown: false,
      tags: [],
      serial_no: 1,
      ctime: now,
      mtime: now,
    },
    nodes: { [masterUuid]: masterNode },
    nodegroups: {
      [groupUuid]: {
        uuid: groupUuid,
        name: "default",
        ndparams: {},
        alloc_policy: "preferred",
        ipolicy: {},
        diskparams: {},
        networks: {},
        tags: [],
        serial_no: 1,
        ctime: now,
        mtime: now,
      },
    },
    instances: {},
    networks: {},
    disks: {},
    ctime: now,
    mtime: now,
    serial_no: 1,
  };
  const host = new VirtualNodeHost(options.stateDir);
  host.create(master, options.hardware);
  ConfigStore.create(options.stateDir, data);
  return data;
}
