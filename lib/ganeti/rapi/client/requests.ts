// What the client's write methods take. Instance creation and modification bodies use Ganeti's own field names (they
// are passed through as opcode fields, so anything Ganeti accepts can be sent); the options of the other operations
// are camelCase and map to RAPI's query arguments and body keys.

export type DiskTemplate = "diskless" | "file" | "sharedfile" | "plain" | "blockdev" | "drbd" | "rbd" | "ext" | "gluster";

export type DiskSpec = { size?: number; mode?: "rw" | "ro"; name?: string; vg?: string; spindles?: number; [key: string]: unknown };
export type NicSpec = { mac?: string; ip?: string | null; mode?: "bridged" | "routed" | "openvswitch"; link?: string; network?: string; name?: string; vlan?: string; [key: string]: unknown };

/** The body of POST /2/instances (request version 1; the client adds __version__). Sizes in MiB. */
export type CreateInstanceRequest = {
  instance_name: string;
  /** Default "create". */
  mode?: "create" | "import" | "remote-import";
  disk_template: DiskTemplate;
  disks: DiskSpec[];
  nics: NicSpec[];
  os_type?: string;
  osparams?: Record<string, unknown>;
  pnode?: string;
  snode?: string;
  iallocator?: string;
  group_name?: string;
  hypervisor?: string;
  beparams?: { vcpus?: number; maxmem?: number; minmem?: number; memory?: number; auto_balance?: boolean; [key: string]: unknown };
  hvparams?: Record<string, unknown>;
  start?: boolean;
  no_install?: boolean;
  name_check?: boolean;
  ip_check?: boolean;
  conflicts_check?: boolean;
  wait_for_sync?: boolean;
  file_storage_dir?: string;
  file_driver?: "loop" | "blktap" | "blktap2";
  tags?: string[];
  [key: string]: unknown;
};

/** The body of PUT /2/instances/[name]/modify (OpInstanceSetParams fields). */
export type ModifyInstanceRequest = {
  beparams?: Record<string, unknown>;
  hvparams?: Record<string, unknown>;
  /** [[op, index or name, params], …] with op add/remove/modify. */
  nics?: unknown[];
  disks?: unknown[];
  os_name?: string;
  osparams?: Record<string, unknown>;
  runtime_mem?: number;
  offline?: boolean;
  force?: boolean;
  [key: string]: unknown;
};

/** Added to every write: ?dry-run=1 runs only the checks; the reason goes into the job's reason trail. */
export type WriteOptions = { dryRun?: boolean; reason?: string };

export type ShutdownOptions = WriteOptions & {
  /** Seconds to wait for a clean shutdown before forcing it (Ganeti's default 120; 0 stops at once). */
  shutdownTimeout?: number;
  /** Do not record the new state (the watcher will restart it). */
  noRemember?: boolean;
};
export type StartupOptions = WriteOptions & { force?: boolean; noRemember?: boolean };
export type RebootOptions = WriteOptions & { type?: "soft" | "hard" | "full"; ignoreSecondaries?: boolean; shutdownTimeout?: number };
export type DeleteInstanceOptions = WriteOptions & { shutdownTimeout?: number };
/** Ganeti's job dependencies: run only after these jobs ended in one of these statuses. */
export type Depends = { depends?: Array<[number, Array<"success" | "error" | "canceled">]> };

export type MigrateOptions = WriteOptions & Depends & {
  mode?: "live" | "non-live";
  cleanup?: boolean;
  targetNode?: string;
  iallocator?: string;
  allowFailover?: boolean;
};
export type FailoverOptions = WriteOptions & Depends & { iallocator?: string; ignoreConsistency?: boolean; targetNode?: string; shutdownTimeout?: number };

export type RenameOptions = WriteOptions & { ipCheck?: boolean; nameCheck?: boolean };
export type ReinstallOptions = WriteOptions & { os?: string; /** Start the instance afterwards (Ganeti's default: yes). */ start?: boolean; osparams?: Record<string, unknown> };
export type GrowDiskOptions = WriteOptions & { waitForSync?: boolean };
export type ReplaceDisksOptions = WriteOptions & Depends & {
  mode?: "replace_auto" | "replace_on_primary" | "replace_on_secondary" | "replace_new_secondary";
  disks?: number[];
  remoteNode?: string;
  iallocator?: string;
  earlyRelease?: boolean;
};
/** Ganeti's node roles as RAPI names them. */
export type NodeRole = "master" | "master-candidate" | "regular" | "drained" | "offline";
export type EvacuateOptions = WriteOptions & { mode?: "primary-only" | "secondary-only" | "all"; iallocator?: string; remoteNode?: string; earlyRelease?: boolean };
export type MigrateNodeOptions = WriteOptions & { mode?: "live" | "non-live"; iallocator?: string; targetNode?: string };

/** Whose tags: the cluster's, or one node's, group's or instance's. */
export type TagTarget = "cluster" | { node: string } | { group: string } | { instance: string };

/** A query filter, e.g. ["|", ["=", "name", "a"], ["=", "name", "b"]]. */
export type QueryFilter = unknown[];
export type QueryResource = "instance" | "node" | "group" | "job" | "network" | "export" | "lock" | "filter";
