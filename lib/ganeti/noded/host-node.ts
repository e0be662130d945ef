// NodeRpc on a real host (the counterpart of node/virtual-node.ts): kvm instances under QEMU through KvmRuntime, file
// and sharedfile disks as raw images through storage/images, OS installs through os/host-os-install. What needs kernel
// support these hosts lack (LVM, DRBD) or belongs to virtual nodes (the fake hypervisor) is refused saying so.
//
// State directory: runtime/ (QMP sockets and pidfiles of the QEMUs), vnc/<instance>.password (each instance's VNC
// password, made at its first start here and kept, so a restart or the console proxy reading it later finds the same
// one), instances/<instance>.json (the spec of each guest started here, so a restarted noded adopts its QEMU again),
// config.data (the last configuration uploaded).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { BlockDeviceError, HypervisorError, OpExecError } from "../errors";
import { writeFileAtomic } from "../config/atomic-write";
import { kvmHvparams, type KvmInstanceFacts } from "../hypervisors/kvm/kvm-command";
import { cancelMigration, migrationStatus, startMigration } from "../hypervisors/kvm/kvm-migration";
import { KvmRuntime } from "../hypervisors/kvm/kvm-runtime";
import { installOsOnHost } from "../os/host-os-install";
import { OS_DEFINITIONS } from "../os/os-definitions";
import { createImage, imageInfo, growImage, MiB, removeImage, removeInstanceDir } from "../storage/images/disk-image";
import { checkStoragePath } from "../storage/images/storage-paths";
import type {
  ConsoleAnswer, DiskSpec, InstanceRunInfo, InstanceSpec, MigrationProgressInfo, MirrorStatus, NodeInfo, NodeRpc, NodeVerifyReport, OsDefinition, StorageUnit,
} from "../rpc/node-rpc";
import { RPC_PROTOCOL_VERSION } from "../rpc/node-rpc";
import { fileSystemSpace, hostBootId, hostCpuCount, hostMemory } from "./host-facts";

export type HostNodeOptions = {
  name: string;
  stateDir: string;
  /** Roots of `file` and `sharedfile` disks on this host (the cluster's file_storage_dir and shared_file_storage_dir). */
  fileStorageDir: string;
  sharedFileStorageDir: string | null;
  /** This node's address: where incoming live migrations listen. */
  address: string;
};

/** File disks are raw (sparse) images, as Ganeti's file storage makes them. */
const DISK_FORMAT = "raw" as const;
const SOFTWARE = "gantry-noded";

type Started = { spec: InstanceSpec; since: number };

const noLvm = (what: string) =>
  new BlockDeviceError(`${what} needs LVM and DRBD, which this host's kernel lacks: use file or sharedfile disks on real nodes (plain and drbd stay on virtual nodes)`);

export class HostNode implements NodeRpc {
  readonly kvm: KvmRuntime;
  private readonly started = new Map<string, Started>();
  private config: { serial: number; hash: string } | null = null;

  constructor(private readonly options: HostNodeOptions) {
    for (const dir of ["runtime", "vnc", "instances"]) fs.mkdirSync(path.join(options.stateDir, dir), { recursive: true, mode: 0o700 });
    this.kvm = new KvmRuntime({ runtimeDir: path.join(options.stateDir, "runtime") });
    this.config = this.keptConfig();
  }

  /** The copy of the configuration an earlier noded received, so that verify sees it after a restart. */
  private keptConfig(): { serial: number; hash: string } | null {
    try {
      const content = fs.readFileSync(path.join(this.options.stateDir, "config.data"));
      const serial = (JSON.parse(content.toString("utf8")) as { serial_no?: unknown }).serial_no;
      return typeof serial === "number" ? { serial, hash: crypto.createHash("sha256").update(content).digest("hex") } : null;
    } catch {
      return null;
    }
  }

  /**
   * After a restart: the guests an earlier noded started here whose QEMU still runs are adopted (not restarted);
   * the records of the others go. Returns a line per instance for the log.
   */
  async recover(): Promise<string[]> {
    const dir = path.join(this.options.stateDir, "instances");
    const lines: string[] = [];
    for (const entry of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const file = path.join(dir, entry);
      const spec = JSON.parse(fs.readFileSync(file, "utf8")) as InstanceSpec;
      try {
        if (await this.kvm.adopt(this.kvmFacts(spec), { vncPassword: this.vncPassword(spec) })) {
          this.started.set(spec.name, { spec, since: fs.statSync(file).mtimeMs });
          lines.push(`${spec.name}: QEMU still running, adopted`);
          continue;
        }
        lines.push(`${spec.name}: not running any more`);
      } catch (error) {
        lines.push(`${spec.name}: cannot adopt its QEMU: ${(error as Error).message}`);
      }
      fs.rmSync(file, { force: true });
    }
    return lines;
  }

  private get roots(): string[] {
    return [this.options.fileStorageDir, ...(this.options.sharedFileStorageDir ? [this.options.sharedFileStorageDir] : [])];
  }

  async version() {
    return { protocol: RPC_PROTOCOL_VERSION, software: SOFTWARE };
  }

  async nodeInfo(): Promise<NodeInfo> {
    const memory = hostMemory();
    const storage = fileSystemSpace(this.options.fileStorageDir);
    return {
      name: this.options.name,
      bootid: hostBootId(),
      memory_total: memory.total,
      memory_dom0: memory.total - memory.available,
      memory_free: memory.available,
      cpu_total: hostCpuCount(),
      cpu_nodes: 1,
      cpu_sockets: 1,
      storage_total: storage.total,
      storage_free: storage.free,
      spindles_total: 0,
      spindles_free: 0,
      instances_memory: [...this.started.values()].reduce((sum, s) => sum + s.spec.memory, 0),
    };
  }

  async allInstancesInfo(): Promise<readonly InstanceRunInfo[]> {
    const infos = await Promise.all(this.kvm.names().map((name) => this.instanceInfo(name)));
    return infos.filter((info): info is InstanceRunInfo => info !== null);
  }

  async instanceInfo(name: string): Promise<InstanceRunInfo | null> {
    const status = await this.kvm.status(name);
    const started = this.started.get(name);
    if (!status.alive || !started) return null;
    const state = status.state === "shutdown" ? "shutdown" : "running";
    return { name, state, memory: started.spec.memory, vcpus: started.spec.vcpus, time: Math.floor((Date.now() - started.since) / 1000) };
  }

  async instanceStart(instance: InstanceSpec, _options: { paused?: boolean }): Promise<void> {
    const facts = this.kvmFacts(instance);
    await this.kvm.start(facts, { vncPassword: this.vncPassword(instance) });
    await this.remember(instance);
  }

  async instanceShutdown(name: string, timeout: number): Promise<void> {
    await this.kvm.shutdown(name, timeout);
    this.forget(name);
  }

  async instanceReboot(instance: InstanceSpec, type: "soft" | "hard" | "full", timeout: number): Promise<void> {
    if (type !== "full") return this.kvm.reboot(instance.name, type, timeout);
    await this.instanceShutdown(instance.name, timeout);
    await this.instanceStart(instance, {});
  }

  async instanceConsoles(names: string[]): Promise<ConsoleAnswer[]> {
    return names.map((name) => {
      const started = this.started.get(name);
      if (!started || !this.kvm.names().includes(name)) return null;
      const bind = this.vncBindAddress(started.spec);
      if (!bind || started.spec.network_port === null) return { error: `${name} has no VNC console: set vnc_bind_address` };
      return { host: bind === "0.0.0.0" ? this.options.address : bind, port: started.spec.network_port };
    });
  }

  async instanceBalloonMemory(name: string, memory: number): Promise<void> {
    await this.kvm.qmp(name).execute("balloon", { value: memory * MiB });
    const started = this.started.get(name);
    if (started) started.spec = { ...started.spec, memory };
  }

  async acceptInstance(instance: InstanceSpec, _source: string): Promise<void> {
    const port = Number(kvmHvparams(instance.hvparams).migration_port);
    await this.kvm.acceptIncoming(this.kvmFacts(instance), { vncPassword: this.vncPassword(instance), host: this.options.address, port });
    await this.remember(instance);
  }

  /**
   * Starts sending the guest to `target` (the target node's address, where its noded listens on the instance's
   * migration_port, see acceptInstance) and returns; the master follows it with instanceMigrationStatus.
   */
  async migrateInstance(instance: InstanceSpec, target: string, live: boolean): Promise<void> {
    if (!live) throw new HypervisorError(`Non-live migration of ${instance.name} is not supported on real nodes yet: migrate it live`);
    const port = Number(kvmHvparams(instance.hvparams).migration_port);
    await startMigration(this.kvm, instance.name, { host: target, port });
  }

  async instanceMigrationStatus(name: string): Promise<MigrationProgressInfo> {
    const { status, transferred, total, error } = await migrationStatus(this.kvm, name);
    // A failed or stalled migration is cancelled here, so the guest goes on running on this node.
    if (status === "failed") await cancelMigration(this.kvm, name).catch(() => undefined);
    return { status, transferred, total, ...(error ? { error } : {}) };
  }

  async finalizeMigration(instance: InstanceSpec, role: "source" | "target", success: boolean): Promise<void> {
    if (role === "target") {
      await this.kvm.finishIncoming(instance.name, success);
      if (!success) this.forget(instance.name);
      return;
    }
    if (success) {
      await this.kvm.releaseMigrated(instance.name);
      this.forget(instance.name);
    } else if ((await this.kvm.status(instance.name)).state === "paused") {
      await this.kvm.qmp(instance.name).execute("cont"); // the guest stays here
    }
  }

  async blockdevCreate(disk: DiskSpec, _instanceName: string): Promise<string> {
    const file = this.imagePath(disk);
    await createImage(this.roots, file, disk.size, DISK_FORMAT);
    return file;
  }

  async blockdevRemove(disk: DiskSpec): Promise<void> {
    const file = this.imagePath(disk);
    await removeImage(this.roots, file);
    // The instance's directory goes with its last disk; one still holding disks (or a storage root) stays.
    if (!this.roots.includes(path.dirname(file))) await removeInstanceDir(this.roots, path.dirname(file)).catch(() => undefined);
  }

  async blockdevGrow(disk: DiskSpec, amount: number): Promise<void> {
    const file = this.imagePath(disk);
    const { virtualSize } = await imageInfo(this.roots, file, DISK_FORMAT);
    await growImage(this.roots, file, DISK_FORMAT, Math.ceil(virtualSize / MiB) + amount);
  }

  async blockdevRename(disk: DiskSpec, _newLogicalId: unknown[]): Promise<void> {
    this.imagePath(disk);
    throw new BlockDeviceError(`Renaming disk images is not supported on real nodes yet (${disk.iv_name})`);
  }

  async blockdevAssemble(disk: DiskSpec, _instanceName: string, _asPrimary: boolean): Promise<string> {
    const file = this.imagePath(disk);
    await imageInfo(this.roots, file, DISK_FORMAT);
    return file;
  }

  /** A file disk needs no device: it only has to be there. */
  async blockdevShutdown(disk: DiskSpec): Promise<void> {
    await checkStoragePath(this.roots, this.imagePath(disk));
  }

  async blockdevMirrorStatus(disks: DiskSpec[]): Promise<MirrorStatus[]> {
    return Promise.all(
      disks.map(async (disk) => {
        const file = this.imagePath(disk);
        const present = await imageInfo(this.roots, file, DISK_FORMAT).then(() => true, () => false);
        return { dev_path: file, sync_percent: null, estimated_time: null, is_degraded: !present, ldisk_status: present ? "ok" : "faulty" } as const;
      }),
    );
  }

  async drbdAttachNet(): Promise<void> {
    throw noLvm("DRBD networking");
  }

  async drbdDisconnectNet(): Promise<void> {
    throw noLvm("DRBD networking");
  }

  async drbdReplaceChildren(): Promise<void> {
    throw noLvm("Replacing DRBD disks");
  }

  async osDiagnose(): Promise<OsDefinition[]> {
    return OS_DEFINITIONS.map((os) => os.definition);
  }

  async instanceOsAdd(instance: InstanceSpec, _reinstall: boolean): Promise<string[]> {
    const disks = instance.disks.map((disk) => ({ iv_name: disk.iv_name, path: this.imagePath(disk), format: DISK_FORMAT }));
    return installOsOnHost(this.roots, { os: instance.os, osparams: instance.osparams, disks });
  }

  async instanceRunRename(instance: InstanceSpec, oldName: string): Promise<void> {
    if (this.kvm.names().includes(oldName)) throw new HypervisorError(`Cannot rename ${oldName} to ${instance.name} while it runs: shut it down first`);
  }

  /** Written atomically: a reader (or a crash) sees the old configuration or the new one, never half of it. */
  async uploadConfig(content: Uint8Array | string, serial: number): Promise<void> {
    await writeFileAtomic(path.join(this.options.stateDir, "config.data"), typeof content === "string" ? Buffer.from(content) : content, { mode: 0o600 });
    this.config = { serial, hash: crypto.createHash("sha256").update(content).digest("hex") }; // as the master checks it
  }

  async nodeVerify(): Promise<NodeVerifyReport> {
    return {
      config_serial: this.config?.serial ?? null,
      config_hash: this.config?.hash ?? null,
      version: RPC_PROTOCOL_VERSION,
      volumes: {},
      instances: this.kvm.names(),
      drbd_minors: [],
      bootid: hostBootId(),
      time: Date.now() / 1000,
    };
  }

  async powercycle(): Promise<void> {
    throw new OpExecError(`noded does not power-cycle its host ${this.options.name}: restart the machine through its own management`);
  }

  async storageList(type: string): Promise<StorageUnit[]> {
    const root = type === "file" ? this.options.fileStorageDir : type === "sharedfile" ? this.options.sharedFileStorageDir : undefined;
    if (root === undefined) throw noLvm(`Storage type '${type}'`);
    if (root === null) return [];
    const space = fileSystemSpace(root);
    return [{ name: root, type, size: space.total, free: space.free, used: space.total - space.free, allocatable: true }];
  }

  private async remember(instance: InstanceSpec): Promise<void> {
    this.started.set(instance.name, { spec: instance, since: Date.now() });
    await writeFileAtomic(this.recordFile(instance.name), JSON.stringify(instance), { mode: 0o600, durable: false });
  }

  private forget(name: string): void {
    this.started.delete(name);
    fs.rmSync(this.recordFile(name), { force: true });
  }

  private recordFile(name: string): string {
    return path.join(this.options.stateDir, "instances", `${path.basename(name)}.json`);
  }

  /** What QEMU needs of the instance; only kvm guests, without NICs (tap devices come with a later slice). */
  private kvmFacts(instance: InstanceSpec): KvmInstanceFacts {
    if (instance.hypervisor !== "kvm") {
      throw new HypervisorError(`Instance ${instance.name} uses the ${instance.hypervisor} hypervisor: ${instance.hypervisor === "fake" ? "fake instances live on virtual nodes" : "real nodes run kvm only"}`);
    }
    if (instance.nics.length) throw new HypervisorError(`Instance ${instance.name} has NICs: real nodes cannot create their tap devices yet, remove the NICs`);
    return {
      name: instance.name,
      uuid: instance.uuid,
      memory: instance.memory,
      vcpus: instance.vcpus,
      disks: instance.disks.map((disk) => ({ path: this.imagePath(disk), format: DISK_FORMAT })),
      nics: [],
      network_port: instance.network_port,
      hvparams: { ...instance.hvparams, vnc_bind_address: this.vncBindAddress(instance) },
    };
  }

  /**
   * VNC listens on this node's address when the instance asks for every address (0.0.0.0): the console proxy reaches
   * it there, and several noded on one machine (each on its own address) can run guests on the same display.
   */
  private vncBindAddress(instance: InstanceSpec): string {
    const bind = String(kvmHvparams(instance.hvparams).vnc_bind_address);
    return bind === "0.0.0.0" && this.options.address !== "0.0.0.0" ? this.options.address : bind;
  }

  /** A file disk's image path (logical_id ["loop", path]); other disk types are refused. */
  private imagePath(disk: DiskSpec): string {
    if (disk.dev_type !== "file" && disk.dev_type !== "sharedfile") throw noLvm(`Disk ${disk.iv_name} (${disk.dev_type})`);
    const file = disk.logical_id[1];
    if (typeof file !== "string") throw new BlockDeviceError(`Disk ${disk.iv_name} has no image path in its logical_id (expected ["loop", path])`);
    return file;
  }

  /**
   * The instance's VNC password: the one the master derived for it (the same on every node it runs on, so a migration
   * keeps it), else one made here at its first start and kept in the state directory.
   */
  private vncPassword(instance: InstanceSpec): string {
    if (instance.vnc_password) return instance.vnc_password;
    const file = path.join(this.options.stateDir, "vnc", `${path.basename(instance.name)}.password`);
    try {
      return fs.readFileSync(file, "utf8").trim();
    } catch {
      const password = crypto.randomBytes(6).toString("base64url");
      fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
      return password;
    }
  }
}
