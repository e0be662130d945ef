// One virtual node answering NodeRpc in-process (see virtual-host.ts): the node side of Ganeti's RPCs, over the
// simulated machine in VirtualNodeStore.
import crypto from "node:crypto";
import fs from "node:fs";
import { writeFileAtomic } from "../config/atomic-write";
import * as fake from "../hypervisors/fake";
import { HypervisorError } from "../errors";
import { OS_DEFINITIONS, installOs } from "../os/os-definitions";
import type {
  ConsoleAnswer,
  DiskSpec,
  InstanceRunInfo,
  InstanceSpec,
  MigrationProgressInfo,
  MirrorStatus,
  NodeInfo,
  NodeRpc,
  NodeVerifyReport,
  OsDefinition,
  StorageUnit,
} from "../rpc/node-rpc";
import { RPC_PROTOCOL_VERSION } from "../rpc/node-rpc";
import * as blockdev from "./virtual-blockdev";
import type { VirtualNodeHost } from "./virtual-host";
import { newBootId, type VirtualNodeStore, type VirtualNodeState } from "./virtual-node-state";

export const SOFTWARE_VERSION = "gantry-virtual-node 1";

export class VirtualNode implements NodeRpc {
  private powerTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: VirtualNodeStore,
    readonly host: VirtualNodeHost,
  ) {
    // A master that stopped while this machine was power-cycling finds it off: it finishes booting now.
    if (!this.state.powered) this.schedulePowerOn();
  }

  get state(): VirtualNodeState {
    return this.store.state;
  }

  /** Every change to the state is followed by save(), so save() is also where the sums below are invalidated. */
  save(): Promise<void> {
    this.usage = null;
    this.runs = null;
    return this.store.save();
  }

  private runs: readonly InstanceRunInfo[] | null = null;

  /** What runs here, made once per state (frozen: the master cannot change it, so it needs no copy). */
  private running(): readonly InstanceRunInfo[] {
    return (this.runs ??= fake.runInfo(this));
  }

  private usage: { memory: number; storage: number } | null = null;

  private used(): { memory: number; storage: number } {
    return (this.usage ??= {
      memory: Object.values(this.state.instances).reduce((sum, i) => sum + i.memory, 0),
      storage: Object.values(this.state.volumes).reduce((sum, v) => sum + v.size, 0),
    });
  }

  memoryFree(): number {
    return this.state.hardware.memory_total - this.state.hardware.memory_dom0 - this.used().memory;
  }

  storageUsed(): number {
    return this.used().storage;
  }

  storageFree(): number {
    return this.state.hardware.storage_total - this.storageUsed();
  }

  stopTimers(): void {
    if (this.powerTimer) clearTimeout(this.powerTimer);
    this.powerTimer = null;
  }

  // --- NodeRpc ------------------------------------------------------------------------------------------------

  async version() {
    return { protocol: RPC_PROTOCOL_VERSION, software: SOFTWARE_VERSION };
  }

  async nodeInfo(): Promise<NodeInfo> {
    const hw = this.state.hardware;
    return {
      name: this.state.name,
      bootid: this.state.bootid,
      memory_total: hw.memory_total,
      memory_dom0: hw.memory_dom0,
      memory_free: this.memoryFree(),
      cpu_total: hw.cpu_total,
      cpu_nodes: 1,
      cpu_sockets: 1,
      storage_total: hw.storage_total,
      storage_free: this.storageFree(),
      spindles_total: hw.spindles,
      spindles_free: hw.spindles,
      instances_memory: hw.memory_total - hw.memory_dom0 - this.memoryFree(),
    };
  }

  async allInstancesInfo(): Promise<readonly InstanceRunInfo[]> {
    return this.running();
  }

  async instanceInfo(name: string): Promise<InstanceRunInfo | null> {
    return this.running().find((i) => i.name === name) ?? null;
  }

  async instanceStart(instance: InstanceSpec): Promise<void> {
    this.requireFake(instance);
    await fake.startInstance(this, instance);
  }

  async instanceShutdown(name: string): Promise<void> {
    await fake.stopInstance(this, name);
  }

  async instanceReboot(instance: InstanceSpec, type: "soft" | "hard" | "full"): Promise<void> {
    this.requireFake(instance);
    await fake.rebootInstance(this, instance, type);
  }

  instanceConsoles(names: string[]): Promise<ConsoleAnswer[]> {
    return Promise.all(names.map((name) => fake.instanceConsole(this, name)));
  }

  async instanceBalloonMemory(name: string, memory: number): Promise<void> {
    await fake.balloonInstance(this, name, memory);
  }

  async acceptInstance(instance: InstanceSpec): Promise<void> {
    this.requireFake(instance);
    await fake.acceptInstance(this, instance);
  }

  /** The simulated hand-over is immediate: the status asked next is already "completed". */
  async migrateInstance(instance: InstanceSpec, target: string): Promise<void> {
    await fake.sendInstance(this, instance, target);
  }

  async instanceMigrationStatus(name: string): Promise<MigrationProgressInfo> {
    const memory = this.state.instances[name]?.memory ?? 0;
    return { status: "completed", transferred: memory * 1024 * 1024, total: memory * 1024 * 1024 };
  }

  async finalizeMigration(instance: InstanceSpec, role: "source" | "target", success: boolean): Promise<void> {
    await fake.finalizeMigration(this, instance, role, success);
  }

  blockdevCreate(disk: DiskSpec, instanceName: string): Promise<string> {
    return blockdev.createDisk(this, disk, instanceName);
  }

  blockdevRemove(disk: DiskSpec): Promise<void> {
    return blockdev.removeDisk(this, disk);
  }

  blockdevGrow(disk: DiskSpec, amount: number): Promise<void> {
    return blockdev.growDisk(this, disk, amount);
  }

  blockdevRename(disk: DiskSpec, newLogicalId: unknown[]): Promise<void> {
    return blockdev.renameDisk(this, disk, newLogicalId);
  }

  blockdevAssemble(disk: DiskSpec, _instanceName: string, asPrimary: boolean): Promise<string> {
    return blockdev.assembleDisk(this, disk, asPrimary);
  }

  blockdevShutdown(disk: DiskSpec): Promise<void> {
    return blockdev.shutdownDisk(this, disk);
  }

  async blockdevMirrorStatus(disks: DiskSpec[]): Promise<MirrorStatus[]> {
    return disks.map((disk) => blockdev.mirrorStatus(this, disk));
  }

  drbdAttachNet(disks: DiskSpec[], asPrimary: boolean): Promise<void> {
    return blockdev.attachNet(this, disks, asPrimary);
  }

  drbdDisconnectNet(disks: DiskSpec[]): Promise<void> {
    return blockdev.disconnectNet(this, disks);
  }

  drbdReplaceChildren(disk: DiskSpec, staged: DiskSpec[], retiredSuffix: string): Promise<void> {
    return blockdev.replaceChildren(this, disk, staged, retiredSuffix);
  }

  async osDiagnose(): Promise<OsDefinition[]> {
    return OS_DEFINITIONS.map((os) => ({ ...os.definition }));
  }

  async instanceOsAdd(instance: InstanceSpec, reinstall: boolean): Promise<string[]> {
    const log = await installOs(instance, reinstall);
    this.state.installed_os[instance.name] = { os: instance.os, installed: Date.now(), log };
    await this.save();
    return log;
  }

  async instanceRunRename(instance: InstanceSpec, oldName: string): Promise<void> {
    const installed = this.state.installed_os[oldName];
    if (installed) {
      delete this.state.installed_os[oldName];
      this.state.installed_os[instance.name] = installed;
    }
    for (const volume of Object.values(this.state.volumes)) if (volume.instance === oldName) volume.instance = instance.name;
    await this.save();
  }

  async uploadConfig(content: Uint8Array | string, serial: number): Promise<void> {
    await writeFileAtomic(this.store.configFile, content, { durable: false });
    this.state.config_serial = serial;
    await this.save();
  }

  async nodeVerify(): Promise<NodeVerifyReport> {
    const volumes: Record<string, number> = {};
    for (const [key, volume] of Object.entries(this.state.volumes)) volumes[key] = volume.size;
    return {
      config_serial: this.state.config_serial,
      // Hashed from the file at verify time, so a copy damaged on disk is noticed.
      config_hash: this.configHash(),
      version: RPC_PROTOCOL_VERSION,
      volumes,
      instances: this.running().map((i) => i.name),
      drbd_minors: Object.values(this.state.drbd).filter((d) => d.assembled).map((d) => d.minor),
      bootid: this.state.bootid,
      time: Date.now() / 1000,
    };
  }

  private configHash(): string | null {
    try {
      return crypto.createHash("sha256").update(fs.readFileSync(this.store.configFile)).digest("hex");
    } catch {
      return null;
    }
  }

  /** Power-cycles the simulated machine: running instances die, DRBD devices need re-assembling, a new boot id. */
  async powercycle(): Promise<void> {
    setImmediate(() => {
      this.state.powered = false;
      this.state.instances = {};
      this.host.consoles.closeNode(this.state.name, "the node was power-cycled");
      for (const device of Object.values(this.state.drbd)) {
        device.assembled = false;
        device.peerBootid = null;
      }
      this.state.bootid = newBootId();
      void this.save();
      this.schedulePowerOn();
    });
  }

  private schedulePowerOn(): void {
    this.powerTimer = setTimeout(() => {
      this.powerTimer = null;
      this.state.powered = true;
      void this.save();
    }, this.host.options.powercycleMs);
    this.powerTimer.unref();
  }

  async storageList(type: string): Promise<StorageUnit[]> {
    const hw = this.state.hardware;
    if (type === "lvm-vg" || type === "file") {
      const used = this.storageUsed();
      return [{ name: type === "file" ? "file-storage" : "xenvg", type, size: hw.storage_total, free: hw.storage_total - used, used, allocatable: true }];
    }
    return [];
  }

  private requireFake(instance: InstanceSpec): void {
    if (instance.hypervisor !== "fake") {
      throw new HypervisorError(`Virtual node ${this.state.name} runs only the fake hypervisor, not ${instance.hypervisor}`);
    }
  }
}
