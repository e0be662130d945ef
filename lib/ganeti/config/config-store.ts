// The cluster configuration held by masterd: read from and written to $STATE/config.data. Reads are served from
// memory; every change goes through a mutation method that bumps the object's serial number and mtime; commit()
// makes all changes so far durable (atomic write, group-committed so that parallel jobs share one write).
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError, OpPrereqError } from "../errors";
import { nowSeconds } from "../objects/ids";
import { matchNameComponent } from "../objects/names";
import type { Cluster, ConfigData, Disk, Instance, Node, NodeGroup } from "../objects/types";
import { GroupCommitter, writeFileAtomic, writeFileAtomicSync } from "./atomic-write";
import { encodeFromBlocks, serialize } from "./config-encoding";
import { SerializedMap } from "./serialized-map";

export const CONFIG_FILE = "config.data";

type Kind = "node" | "instance" | "nodegroup";
const KIND_WORDS: Record<Kind, string> = { node: "Node", instance: "Instance", nodegroup: "Group" };

export class ConfigStore {
  private readonly committer: GroupCommitter;
  private readonly nameIndex: Record<Kind, Map<string, string>> = { node: new Map(), instance: new Map(), nodegroup: new Map() };
  private readonly listeners = new Set<(serial: number) => void>();
  private dirty = false;
  private changes = 0;
  private written: { parts: Buffer[]; serial: number } | null = null;
  /** MAC address → instance UUID, so new NICs need not scan every instance. */
  private readonly macs = new Map<string, string>();
  /** The maps' JSON, cached by blocks (see serialized-map.ts); every mutation method below reports to it. */
  private readonly json: Record<"nodes" | "nodegroups" | "instances" | "networks" | "disks", SerializedMap>;

  private constructor(readonly file: string, readonly data: ConfigData) {
    this.committer = new GroupCommitter(() => this.writeNow());
    this.json = {
      nodes: new SerializedMap(data.nodes),
      nodegroups: new SerializedMap(data.nodegroups),
      instances: new SerializedMap(data.instances),
      networks: new SerializedMap(data.networks),
      disks: new SerializedMap(data.disks),
    };
    this.rebuildIndexes();
  }

  /** Writes a brand-new configuration (gnt-cluster init); refuses to overwrite one. */
  static create(stateDir: string, data: ConfigData): ConfigStore {
    const file = path.join(stateDir, CONFIG_FILE);
    if (fs.existsSync(file)) throw new OpPrereqError(`A cluster configuration already exists in ${stateDir}`, "already_exists");
    writeFileAtomicSync(file, serialize(data));
    return new ConfigStore(file, data);
  }

  static load(stateDir: string): ConfigStore {
    const file = path.join(stateDir, CONFIG_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigurationError(
        code === "ENOENT" ? `No cluster in ${stateDir}: run gnt-cluster init first` : `Cannot read ${file}: ${code}`,
      );
    }
    let data: ConfigData;
    try {
      data = JSON.parse(text) as ConfigData;
    } catch (error) {
      throw new ConfigurationError(`${file} is not valid JSON (${(error as Error).message})`);
    }
    if (!data?.cluster || !data.nodes || !data.instances) throw new ConfigurationError(`${file} is not a cluster configuration`);
    return new ConfigStore(file, data);
  }

  get cluster(): Cluster {
    return this.data.cluster;
  }

  get serial(): number {
    return this.data.serial_no;
  }

  /**
   * Counts changes as they are made (the serial only moves when they are written): anything derived from the
   * configuration alone may be cached for as long as the generation stays the same.
   */
  get generation(): number {
    return this.changes;
  }

  /** Called with the new serial after every durable write (config distribution hooks in here). */
  onCommitted(listener: (serial: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- lookups -------------------------------------------------------------------------------------------------

  node(uuid: string): Node | undefined {
    return this.data.nodes[uuid];
  }

  instance(uuid: string): Instance | undefined {
    return this.data.instances[uuid];
  }

  group(uuid: string): NodeGroup | undefined {
    return this.data.nodegroups[uuid];
  }

  disk(uuid: string): Disk | undefined {
    return this.data.disks[uuid];
  }

  nodes(): Node[] {
    return Object.values(this.data.nodes);
  }

  instances(): Instance[] {
    return Object.values(this.data.instances);
  }

  groups(): NodeGroup[] {
    return Object.values(this.data.nodegroups);
  }

  masterNode(): Node {
    return this.data.nodes[this.data.cluster.master_node]!;
  }

  /** Resolves a user-given name (full, or first component if unique) to the object's UUID. */
  lookupName(kind: Kind, name: string): string | undefined {
    const index = this.nameIndex[kind];
    const exact = index.get(name.toLowerCase());
    if (exact) return exact;
    const match = matchNameComponent(name, [...index.keys()]);
    if (match.kind === "found") return index.get(match.name);
    if (match.kind === "ambiguous") {
      throw new OpPrereqError(`${KIND_WORDS[kind]} name '${name}' is ambiguous: ${match.candidates.join(", ")}`, "resource_not_unique");
    }
    return undefined;
  }

  /** True when an object of this kind has exactly this name (case-insensitively). */
  hasExactName(kind: Kind, name: string): boolean {
    return this.nameIndex[kind].has(name.toLowerCase());
  }

  /** Like lookupName, but a missing object is Ganeti's unknown_entity precondition error. */
  expandName(kind: Kind, name: string): string {
    const uuid = this.lookupName(kind, name);
    if (!uuid) throw new OpPrereqError(`${KIND_WORDS[kind]} '${name}' not known`, "unknown_entity");
    return uuid;
  }

  instanceDisks(instance: Instance): Disk[] {
    return instance.disks.map((uuid) => this.data.disks[uuid]!).filter(Boolean);
  }

  /** Secondary nodes of an instance: the second node of each DRBD disk. */
  secondaryNodes(instance: Instance): string[] {
    const secondaries = new Set<string>();
    for (const disk of this.instanceDisks(instance)) {
      for (const node of disk.nodes.slice(1)) secondaries.add(node);
    }
    return [...secondaries];
  }

  /** Every node an instance lives on, primary first. */
  instanceNodes(instance: Instance): string[] {
    return [instance.primary_node, ...this.secondaryNodes(instance)];
  }

  primaryInstancesOf(nodeUuid: string): Instance[] {
    return this.instances().filter((i) => i.primary_node === nodeUuid);
  }

  secondaryInstancesOf(nodeUuid: string): Instance[] {
    return this.instances().filter((i) => i.primary_node !== nodeUuid && this.secondaryNodes(i).includes(nodeUuid));
  }

  nodesOfGroup(groupUuid: string): Node[] {
    return this.nodes().filter((n) => n.group === groupUuid);
  }

  masterCandidates(): Node[] {
    return this.nodes().filter((n) => n.master_candidate && !n.offline);
  }

  // --- mutations -----------------------------------------------------------------------------------------------

  addNode(node: Node): void {
    this.assertNewName("node", node.name);
    this.data.nodes[node.uuid] = node;
    this.json.nodes.added(node.uuid);
    this.nameIndex.node.set(node.name.toLowerCase(), node.uuid);
    this.touchConfig();
  }

  updateNode(uuid: string, change: (node: Node) => void): Node {
    return this.updateNamed("node", this.data.nodes, uuid, change);
  }

  removeNode(uuid: string): void {
    const node = this.mustGet(this.data.nodes, uuid, "node");
    delete this.data.nodes[uuid];
    this.json.nodes.removed(uuid);
    this.nameIndex.node.delete(node.name.toLowerCase());
    this.touchConfig();
  }

  addGroup(group: NodeGroup): void {
    this.assertNewName("nodegroup", group.name);
    this.data.nodegroups[group.uuid] = group;
    this.json.nodegroups.added(group.uuid);
    this.nameIndex.nodegroup.set(group.name.toLowerCase(), group.uuid);
    this.touchConfig();
  }

  updateGroup(uuid: string, change: (group: NodeGroup) => void): NodeGroup {
    return this.updateNamed("nodegroup", this.data.nodegroups, uuid, change);
  }

  removeGroup(uuid: string): void {
    const group = this.mustGet(this.data.nodegroups, uuid, "nodegroup");
    delete this.data.nodegroups[uuid];
    this.json.nodegroups.removed(uuid);
    this.nameIndex.nodegroup.delete(group.name.toLowerCase());
    this.touchConfig();
  }

  /** Adds an instance together with its disks, in one step (nothing half-added is ever written). */
  addInstance(instance: Instance, disks: Disk[]): void {
    this.assertNewName("instance", instance.name);
    for (const disk of disks) {
      this.data.disks[disk.uuid] = disk;
      this.json.disks.added(disk.uuid);
    }
    instance.disks = disks.map((d) => d.uuid);
    this.data.instances[instance.uuid] = instance;
    this.json.instances.added(instance.uuid);
    this.nameIndex.instance.set(instance.name.toLowerCase(), instance.uuid);
    for (const nic of instance.nics) this.macs.set(nic.mac, instance.uuid);
    this.touchConfig();
  }

  updateInstance(uuid: string, change: (instance: Instance) => void): Instance {
    const before = this.data.instances[uuid]?.nics.map((n) => n.mac) ?? [];
    const instance = this.updateNamed("instance", this.data.instances, uuid, change);
    for (const mac of before) if (this.macs.get(mac) === uuid) this.macs.delete(mac);
    for (const nic of instance.nics) this.macs.set(nic.mac, uuid);
    return instance;
  }

  macInUse(mac: string): boolean {
    return this.macs.has(mac);
  }

  removeInstance(uuid: string): void {
    const instance = this.mustGet(this.data.instances, uuid, "instance");
    for (const disk of instance.disks) {
      delete this.data.disks[disk];
      this.json.disks.removed(disk);
    }
    delete this.data.instances[uuid];
    this.json.instances.removed(uuid);
    this.nameIndex.instance.delete(instance.name.toLowerCase());
    for (const nic of instance.nics) if (this.macs.get(nic.mac) === uuid) this.macs.delete(nic.mac);
    this.touchConfig();
  }

  addDisk(instanceUuid: string, disk: Disk): void {
    this.data.disks[disk.uuid] = disk;
    this.json.disks.added(disk.uuid);
    this.updateInstance(instanceUuid, (i) => i.disks.push(disk.uuid));
  }

  /** Takes one disk out of an instance and out of the configuration (Ganeti's RemoveInstanceDisk). */
  removeInstanceDisk(instanceUuid: string, diskUuid: string): void {
    this.mustGet(this.data.disks, diskUuid, "disk");
    this.updateInstance(instanceUuid, (i) => {
      i.disks = i.disks.filter((uuid) => uuid !== diskUuid);
    });
    delete this.data.disks[diskUuid];
    this.json.disks.removed(diskUuid);
  }

  updateDisk(uuid: string, change: (disk: Disk) => void): Disk {
    const disk = this.mustGet(this.data.disks, uuid, "disk");
    change(disk);
    disk.serial_no += 1;
    disk.mtime = nowSeconds();
    this.json.disks.changed(uuid);
    this.touchConfig();
    return disk;
  }

  updateCluster(change: (cluster: Cluster) => void): Cluster {
    change(this.data.cluster);
    bump(this.data.cluster);
    this.touchConfig();
    return this.data.cluster;
  }

  /** The configuration as last written to disk (what master candidates must hold). */
  committed(): { content: Buffer; serial: number } {
    if (!this.written) return { content: fs.readFileSync(this.file), serial: this.data.serial_no };
    return { content: Buffer.concat(this.written.parts), serial: this.written.serial };
  }

  /** Makes every change so far durable; resolves once it is on disk. */
  async commit(): Promise<void> {
    if (!this.dirty) return;
    await this.committer.flush();
  }

  private async writeNow(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.data.serial_no += 1;
    this.data.mtime = nowSeconds();
    const serial = this.data.serial_no;
    const parts = this.encodeCached();
    try {
      await writeFileAtomic(this.file, parts);
      this.written = { parts, serial };
    } catch (error) {
      this.dirty = true;
      throw new ConfigurationError(`Cannot write the configuration to ${this.file}: ${(error as Error).message}`);
    }
    for (const listener of this.listeners) listener(serial);
  }

  /** JSON.stringify(this.data), assembled from the maps' cached blocks (config-encoding.ts). */
  private encodeCached(): Buffer[] {
    return encodeFromBlocks(this.data, this.json, ConfigStore.selfCheck);
  }

  /** Tests compare every cached serialisation with a full one, catching changes made behind the mutation methods. */
  static selfCheck = process.env.VITEST === "true";

  private touchConfig(): void {
    this.dirty = true;
    this.changes += 1;
  }

  private assertNewName(kind: Kind, name: string): void {
    if (this.nameIndex[kind].has(name.toLowerCase())) {
      throw new OpPrereqError(`${KIND_WORDS[kind]} '${name}' already exists`, "already_exists");
    }
  }

  private updateNamed<T extends { name: string; serial_no: number; mtime: number }>(
    kind: Kind,
    map: Record<string, T>,
    uuid: string,
    change: (object: T) => void,
  ): T {
    const object = this.mustGet(map, uuid, kind);
    const oldName = object.name;
    change(object);
    if (object.name !== oldName) {
      this.nameIndex[kind].delete(oldName.toLowerCase());
      this.nameIndex[kind].set(object.name.toLowerCase(), uuid);
    }
    bump(object);
    this.json[KIND_MAPS[kind]].changed(uuid);
    this.touchConfig();
    return object;
  }

  private mustGet<T>(map: Record<string, T>, uuid: string, kind: string): T {
    const object = map[uuid];
    if (!object) throw new ConfigurationError(`Internal error: ${kind} ${uuid} is not in the configuration`);
    return object;
  }

  private rebuildIndexes(): void {
    for (const node of Object.values(this.data.nodes)) this.nameIndex.node.set(node.name.toLowerCase(), node.uuid);
    for (const inst of Object.values(this.data.instances)) {
      this.nameIndex.instance.set(inst.name.toLowerCase(), inst.uuid);
      for (const nic of inst.nics) this.macs.set(nic.mac, inst.uuid);
    }
    for (const group of Object.values(this.data.nodegroups)) this.nameIndex.nodegroup.set(group.name.toLowerCase(), group.uuid);
  }
}

function bump(object: { serial_no: number; mtime: number }): void {
  object.serial_no += 1;
  object.mtime = nowSeconds();
}


const KIND_MAPS = { node: "nodes", instance: "instances", nodegroup: "nodegroups" } as const;
