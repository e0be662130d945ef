// NodeRpc: what the master asks of a node, one interface whatever carries it. A virtual node answers in-process
// (node/virtual-node.ts); a real host answers from workers/noded over HTTPS (the real-hosts issue). Arguments and
// results are plain JSON so that every transport can carry them.
import type { DiskDevType, HypervisorName, Params } from "../objects/types";

export const RPC_PROTOCOL_VERSION = 1;

export type NodeInfo = {
  name: string;
  bootid: string;
  memory_total: number;
  memory_dom0: number;
  memory_free: number;
  cpu_total: number;
  cpu_nodes: number;
  cpu_sockets: number;
  /** The node's local storage (LVM volume group and file storage share it on virtual nodes). */
  storage_total: number;
  storage_free: number;
  spindles_total: number;
  spindles_free: number;
  /** What runs where, for capacity: memory of running instances. */
  instances_memory: number;
};

/** Where an instance's console listens (a VNC server the node opened for it). */
export type ConsoleEndpoint = { host: string; port: number };
/** A node's answer for one instance's console: its endpoint, why it could not be opened, or null (not running here). */
export type ConsoleAnswer = ConsoleEndpoint | { error: string } | null;

export type InstanceRunInfo = { name: string; state: "running" | "shutdown"; memory: number; vcpus: number; time: number };

/** What a node needs to know to run an instance (resolved by the master from the configuration). */
export type InstanceSpec = {
  name: string;
  uuid: string;
  hypervisor: HypervisorName;
  memory: number;
  vcpus: number;
  hvparams: Params;
  os: string;
  osparams: Params;
  /** Device paths of the instance's disks on this node, in index order. */
  disks: DiskSpec[];
  nics: Array<{ mac: string; ip: string | null; mode: string; link: string }>;
  network_port: number | null;
  /** kvm: the instance's own VNC password (see hypervisors/vnc-cluster-password.ts); travels only master → node. */
  vnc_password?: string;
};

/** One disk as the node sees it. For drbd, `peer` names the other node and `minor`/`port` its device. */
export type DiskSpec = {
  uuid: string;
  dev_type: DiskDevType;
  size: number;
  /** plain: ["xenvg", "uuid.disk0"]; file: ["loop", path]; drbd: see objects/types.ts. */
  logical_id: unknown[];
  children?: DiskSpec[];
  iv_name: string;
  /** For drbd: which end this node is. */
  role?: "primary" | "secondary";
  peer?: string;
  /** For drbd: this node's minor. */
  minor?: number;
};

export type MirrorStatus = {
  dev_path: string;
  sync_percent: number | null;
  estimated_time: number | null;
  is_degraded: boolean;
  /** "ok" | "degraded" | "faulty" (Ganeti's LDS_*). */
  ldisk_status: "ok" | "degraded" | "faulty";
};

export type OsDefinition = { name: string; variants: string[]; api_versions: number[]; parameters: Array<[string, string]>; valid: boolean };

export type NodeVerifyReport = {
  config_serial: number | null;
  config_hash: string | null;
  version: number;
  volumes: Record<string, number>;
  instances: string[];
  drbd_minors: number[];
  bootid: string;
  time: number;
};

export type StorageUnit = { name: string; type: string; size: number; free: number; used: number; allocatable: boolean };

/** A migration's state on its source: "active" while memory is sent, then "completed", "failed" or "cancelled". */
export type MigrationProgressInfo = { status: string; transferred: number; total: number; error?: string };

/** Every call a master can make of a node. */
export interface NodeRpc {
  version(): Promise<{ protocol: number; software: string }>;
  nodeInfo(): Promise<NodeInfo>;
  /** What runs on the node; read-only (a virtual node gives the same frozen records while nothing changed). */
  allInstancesInfo(): Promise<readonly InstanceRunInfo[]>;
  instanceInfo(name: string): Promise<InstanceRunInfo | null>;
  instanceStart(instance: InstanceSpec, options: { paused?: boolean }): Promise<void>;
  instanceShutdown(name: string, timeout: number): Promise<void>;
  instanceReboot(instance: InstanceSpec, type: "soft" | "hard" | "full", timeout: number): Promise<void>;
  /**
   * The consoles of instances running here, for hypervisors whose node opens them on demand (fake: a VNC server
   * drawing a simulated text console); one answer per name, in order.
   */
  instanceConsoles(names: string[]): Promise<ConsoleAnswer[]>;
  /** Changes a running instance's memory now (Ganeti's instance_balloon_memory), within what the node has free. */
  instanceBalloonMemory(name: string, memory: number): Promise<void>;
  /**
   * Live migration: the target side prepares, the source starts sending (`target`: the target node's name for a
   * virtual node, its address for a real host) and is asked for its progress until it reports the end, both finalise.
   */
  acceptInstance(instance: InstanceSpec, source: string): Promise<void>;
  migrateInstance(instance: InstanceSpec, target: string, live: boolean): Promise<void>;
  /** How far the migration migrateInstance started has come (Ganeti's instance_get_migration_status). */
  instanceMigrationStatus(name: string): Promise<MigrationProgressInfo>;
  finalizeMigration(instance: InstanceSpec, role: "source" | "target", success: boolean): Promise<void>;
  blockdevCreate(disk: DiskSpec, instanceName: string): Promise<string>;
  blockdevRemove(disk: DiskSpec): Promise<void>;
  blockdevGrow(disk: DiskSpec, amount: number): Promise<void>;
  blockdevRename(disk: DiskSpec, newLogicalId: unknown[]): Promise<void>;
  blockdevAssemble(disk: DiskSpec, instanceName: string, asPrimary: boolean): Promise<string>;
  blockdevShutdown(disk: DiskSpec): Promise<void>;
  blockdevMirrorStatus(disks: DiskSpec[]): Promise<MirrorStatus[]>;
  /** DRBD: (re)connect the devices of these disks to their peer, setting this node's role. */
  drbdAttachNet(disks: DiskSpec[], asPrimary: boolean): Promise<void>;
  drbdDisconnectNet(disks: DiskSpec[]): Promise<void>;
  /**
   * DRBD (replace-disks, Ganeti's removechildren + rename + addchildren in one call): this node's data and metadata
   * volumes of `disk` are renamed with `retiredSuffix` (kept for removal), the `staged` volumes take their names, and
   * the device attaches them and resyncs from its peer. The device stays up (a primary serves through its peer).
   */
  drbdReplaceChildren(disk: DiskSpec, staged: DiskSpec[], retiredSuffix: string): Promise<void>;
  osDiagnose(): Promise<OsDefinition[]>;
  instanceOsAdd(instance: InstanceSpec, reinstall: boolean): Promise<string[]>;
  instanceRunRename(instance: InstanceSpec, oldName: string): Promise<void>;
  /** The configuration's bytes (read-only: the master shares one buffer among all candidates). */
  uploadConfig(content: Uint8Array | string, serial: number): Promise<void>;
  nodeVerify(): Promise<NodeVerifyReport>;
  powercycle(): Promise<void>;
  storageList(type: string): Promise<StorageUnit[]>;
}

export type NodeRpcMethod = keyof NodeRpc;
