// The persistent state of one virtual node: its simulated hardware and what lives on it (volumes, DRBD devices,
// running fake instances, installed OSes, its copy of the configuration). Saved to $STATE/virtual-nodes/<name>/
// after every change, so a masterd restart finds every node as it was (instances keep running, as on real hosts).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GroupCommitter, writeFileAtomic } from "../config/atomic-write";

export type VirtualHardware = {
  /** MiB */
  memory_total: number;
  /** MiB used by the node itself (dom0 / host OS). */
  memory_dom0: number;
  cpu_total: number;
  /** MiB of local storage (the volume group and the file storage directory). */
  storage_total: number;
  spindles: number;
};

export type Volume = { kind: "lv" | "file"; size: number; instance: string };

export type DrbdDevice = {
  minor: number;
  disk: string;
  size: number;
  peer: string;
  port: number;
  role: "primary" | "secondary";
  /** Assembled (configured) on this node; false after a reboot until activate-disks. */
  assembled: boolean;
  /** Resync bookkeeping: percent at `syncFrom.at` (ms), progressing at the cluster's resync rate while connected. */
  syncFrom: { percent: number; at: number };
  /** The peer's boot id when the connection was made; a peer reboot breaks the connection. */
  peerBootid: string | null;
};

export type RunningInstance = {
  name: string;
  /** "incoming" while a live migration to this node is in progress. */
  state: "running" | "incoming";
  hypervisor: string;
  memory: number;
  vcpus: number;
  started: number;
  os: string;
  disks: string[];
};

export type VirtualNodeState = {
  name: string;
  hardware: VirtualHardware;
  bootid: string;
  powered: boolean;
  volumes: Record<string, Volume>;
  drbd: Record<string, DrbdDevice>;
  instances: Record<string, RunningInstance>;
  installed_os: Record<string, { os: string; installed: number; log: string[] }>;
  config_serial: number | null;
};

export const newBootId = () => crypto.randomUUID();

export class VirtualNodeStore {
  private readonly committer: GroupCommitter;

  private constructor(
    readonly dir: string,
    readonly state: VirtualNodeState,
  ) {
    // A simulated machine's disk: atomic against a killed master, without the fsyncs that would throttle every job.
    this.committer = new GroupCommitter(() => writeFileAtomic(path.join(this.dir, "state.json"), JSON.stringify(this.state), { durable: false }));
  }

  static create(dir: string, name: string, hardware: VirtualHardware): VirtualNodeStore {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const state: VirtualNodeState = {
      name,
      hardware,
      bootid: newBootId(),
      powered: true,
      volumes: {},
      drbd: {},
      instances: {},
      installed_os: {},
      config_serial: null,
    };
    fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify(state), { mode: 0o600 });
    return new VirtualNodeStore(dir, state);
  }

  static load(dir: string): VirtualNodeStore {
    const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as VirtualNodeState;
    return new VirtualNodeStore(dir, state);
  }

  static exists(dir: string): boolean {
    return fs.existsSync(path.join(dir, "state.json"));
  }

  /** Durable once resolved; concurrent saves share one write. */
  save(): Promise<void> {
    return this.committer.flush();
  }

  get configFile(): string {
    return path.join(this.dir, "config.data");
  }
}
