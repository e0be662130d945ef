// The cluster configuration, shaped like Ganeti's config.data (snake_case keys, UUID-keyed maps, serial numbers and
// ctime/mtime on every object), so that it reads like Ganeti's and maps one-to-one onto RAPI's fields.
export type Params = Record<string, unknown>;

export type ObjectMeta = {
  uuid: string;
  serial_no: number;
  /** Seconds since the epoch, as floats (Ganeti's form). */
  ctime: number;
  mtime: number;
  tags: string[];
};

export const DISK_TEMPLATES = ["diskless", "file", "sharedfile", "plain", "drbd"] as const;
export type DiskTemplate = (typeof DISK_TEMPLATES)[number];

export const HYPERVISORS = ["fake", "kvm"] as const;
export type HypervisorName = (typeof HYPERVISORS)[number];

export type AdminState = "up" | "down" | "offline";
export type AllocPolicy = "preferred" | "last_resort" | "unallocable";

export type ISpec = {
  "memory-size": number;
  "cpu-count": number;
  "disk-size": number;
  "disk-count": number;
  "nic-count": number;
  "spindle-use": number;
};

export type InstancePolicy = {
  minmax: Array<{ min: ISpec; max: ISpec }>;
  std: ISpec;
  "disk-templates": DiskTemplate[];
  "vcpu-ratio": number;
  "spindle-ratio": number;
};

export type Cluster = ObjectMeta & {
  cluster_name: string;
  master_node: string;
  master_ip: string;
  master_netdev: string;
  master_netmask: number;
  mac_prefix: string;
  highest_used_port: number;
  tcpudp_port_pool: number[];
  enabled_hypervisors: HypervisorName[];
  hvparams: Record<string, Params>;
  os_hvp: Record<string, Record<string, Params>>;
  beparams: { default: Params };
  osparams: Record<string, Params>;
  nicparams: { default: Params };
  ndparams: Params;
  diskparams: Record<string, Params>;
  ipolicy: InstancePolicy;
  candidate_pool_size: number;
  default_iallocator: string;
  enabled_disk_templates: DiskTemplate[];
  file_storage_dir: string;
  shared_file_storage_dir: string;
  volume_group_name: string;
  drbd_usermode_helper: string;
  maintain_node_health: boolean;
  prealloc_wipe_disks: boolean;
  reserved_lvs: string[];
  hidden_os: string[];
  blacklisted_os: string[];
  uid_pool: Array<[number, number]>;
  primary_ip_family: number;
  max_running_jobs: number;
  max_tracked_jobs: number;
  enabled_user_shutdown: boolean;
};

export type Node = ObjectMeta & {
  name: string;
  primary_ip: string;
  secondary_ip: string;
  master_candidate: boolean;
  offline: boolean;
  drained: boolean;
  /** Node group UUID. */
  group: string;
  master_capable: boolean;
  vm_capable: boolean;
  ndparams: Params;
  powered: boolean;
  /**
   * Gantry: how the master reaches this node. "virtual" nodes are simulated inside masterd (demos, tests, scale runs);
   * "noded" nodes run workers/noded on a real host.
   */
  transport: "virtual" | "noded";
  /** Gantry: the TCP port of a "noded" node's daemon at its primary_ip (Ganeti's noded uses 1811 on every node). */
  noded_port?: number;
};

export type NodeGroup = ObjectMeta & {
  name: string;
  ndparams: Params;
  alloc_policy: AllocPolicy;
  /** Only the values overridden for this group; see fill.ts for the effective policy. */
  ipolicy: Partial<InstancePolicy>;
  diskparams: Record<string, Params>;
  networks: Record<string, Params>;
};

export type Nic = {
  uuid: string;
  mac: string;
  ip: string | null;
  name: string | null;
  network: string | null;
  nicparams: Params;
};

export type DiskDevType = "plain" | "drbd" | "file" | "sharedfile";

export type Disk = {
  uuid: string;
  name: string | null;
  dev_type: DiskDevType;
  /**
   * plain: [vg, lv name]; file/sharedfile: [driver, path];
   * drbd: [primary node, secondary node, port, primary minor, secondary minor, secret].
   */
  logical_id: unknown[];
  /** drbd: [data LV, meta LV]. */
  children: Disk[];
  /** Node UUIDs holding this disk (primary first). */
  nodes: string[];
  iv_name: string;
  size: number;
  mode: "rw" | "ro";
  spindles: number | null;
  params: Params;
  serial_no: number;
  ctime: number;
  mtime: number;
};

export type Instance = ObjectMeta & {
  name: string;
  primary_node: string;
  os: string;
  hypervisor: HypervisorName;
  hvparams: Params;
  beparams: Params;
  osparams: Params;
  osparams_private: Params;
  admin_state: AdminState;
  admin_state_source: "admin" | "user";
  nics: Nic[];
  /** Disk UUIDs, in index order. */
  disks: string[];
  disk_template: DiskTemplate;
  disks_active: boolean;
  network_port: number | null;
};

export type Network = ObjectMeta & {
  name: string;
  network: string;
  gateway: string | null;
  network6: string | null;
  gateway6: string | null;
  mac_prefix: string | null;
  reservations: string;
  ext_reservations: string;
};

export type ConfigData = {
  version: number;
  cluster: Cluster;
  nodes: Record<string, Node>;
  nodegroups: Record<string, NodeGroup>;
  instances: Record<string, Instance>;
  networks: Record<string, Network>;
  disks: Record<string, Disk>;
  ctime: number;
  mtime: number;
  serial_no: number;
};

export const CONFIG_VERSION = 3000000;
