// The virtual nodes hosted by one masterd: a simulated cluster of machines for demos, tests and scale runs (as
// Ganeti's vcluster and fake hypervisor), persisted under $STATE/virtual-nodes. It also plays the parts of the
// world between nodes: which nodes are powered and reachable, and the shared file storage they all mount.
import fs from "node:fs";
import path from "node:path";
import { GroupCommitter, writeFileAtomic } from "../config/atomic-write";
import { FakeConsoleServers } from "../hypervisors/fake-console/console-servers";
import type { NodeTransport } from "../rpc/rpc-runner";
import type { NodeRpc } from "../rpc/node-rpc";
import { VirtualNode } from "./virtual-node";
import { VirtualNodeStore, type VirtualHardware, type Volume } from "./virtual-node-state";

export type VirtualClusterOptions = {
  /** Simulated DRBD resync speed, MiB/s. Fast by default so that tests and demos do not wait. */
  resyncRate: number;
  /** How long a powercycled virtual node stays off, ms. */
  powercycleMs: number;
  /** Address the fake instances' VNC consoles listen on (GANTRY_VNC_BIND). */
  vncBind: string;
};

export const DEFAULT_VIRTUAL_OPTIONS: VirtualClusterOptions = { resyncRate: 100 * 1024, powercycleMs: 2000, vncBind: "127.0.0.1" };

/** Shared file storage (the sharedfile disk template): one store every virtual node sees. */
export class SharedStorage {
  private readonly committer: GroupCommitter;
  readonly volumes: Record<string, Volume>;

  constructor(private readonly file: string) {
    this.volumes = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Volume>) : {};
    this.committer = new GroupCommitter(() => writeFileAtomic(this.file, JSON.stringify(this.volumes), { durable: false }));
  }

  save(): Promise<void> {
    return this.committer.flush();
  }
}

/**
 * RPCs whose answers a virtual node gives frozen, sharing nothing mutable with its state, so they need no copy
 * (copying 40,000 run records on every instance query costs more than the query).
 */
const FROZEN_ANSWERS: ReadonlySet<string> = new Set<keyof NodeRpc>(["allInstancesInfo", "instanceInfo"]);

export class VirtualNodeHost {
  private readonly nodes = new Map<string, VirtualNode>();
  readonly rootDir: string;
  readonly shared: SharedStorage;
  /** The fake instances' consoles, opened when asked for (instanceConsoles). */
  readonly consoles: FakeConsoleServers;

  /** The virtual nodes of the cluster in `stateDir`, kept in its virtual-nodes/. */
  constructor(
    stateDir: string,
    readonly options: VirtualClusterOptions = DEFAULT_VIRTUAL_OPTIONS,
  ) {
    this.rootDir = path.join(stateDir, "virtual-nodes");
    fs.mkdirSync(this.rootDir, { recursive: true, mode: 0o700 });
    this.shared = new SharedStorage(path.join(this.rootDir, "shared-storage.json"));
    this.consoles = new FakeConsoleServers({ bind: options.vncBind, stateDir });
  }

  /** Brings a new virtual machine into existence (gnt-node add --virtual). */
  create(name: string, hardware: VirtualHardware): VirtualNode {
    const dir = this.dirOf(name);
    if (VirtualNodeStore.exists(dir)) fs.rmSync(dir, { recursive: true, force: true });
    const node = new VirtualNode(VirtualNodeStore.create(dir, name, hardware), this);
    this.nodes.set(name, node);
    return node;
  }

  get(name: string): VirtualNode | undefined {
    let node = this.nodes.get(name);
    if (!node && VirtualNodeStore.exists(this.dirOf(name))) {
      node = new VirtualNode(VirtualNodeStore.load(this.dirOf(name)), this);
      this.nodes.set(name, node);
    }
    return node;
  }

  exists(name: string): boolean {
    return this.nodes.has(name) || VirtualNodeStore.exists(this.dirOf(name));
  }

  /** The machine is gone (gnt-node remove of a virtual node): its state goes with it. */
  destroy(name: string): void {
    this.consoles.closeNode(name, "the node was removed");
    this.nodes.get(name)?.stopTimers();
    this.nodes.delete(name);
    fs.rmSync(this.dirOf(name), { recursive: true, force: true });
  }

  /** Renames the machine's state (gnt-cluster rename or node readd under a new name is out of scope). */
  isReachable(name: string): boolean {
    const node = this.get(name);
    return Boolean(node?.state.powered);
  }

  transport(name: string): NodeTransport {
    return {
      call: async (method, args) => {
        const node = this.get(name);
        if (!node) throw new Error(`virtual node ${name} does not exist on this master`);
        if (!node.state.powered) throw new Error("node is not answering (powered off)");
        const handler = (node as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
        if (typeof handler !== "function") throw new Error(`unknown RPC ${method}`);
        const result = await handler.apply(node as NodeRpc, args);
        // A copy, as a real transport makes: the master must not hold (or change) the node's own state.
        return result === undefined || FROZEN_ANSWERS.has(method) ? result : structuredClone(result);
      },
    };
  }

  /** Closes the consoles, stops power-cycle timers and waits for every node's pending state writes. */
  async stop(): Promise<void> {
    await this.consoles.closeAll("the master daemon stopped");
    for (const node of this.nodes.values()) node.stopTimers();
    await Promise.all([...this.nodes.values()].map((node) => node.save()));
    await this.shared.save();
  }

  private dirOf(name: string): string {
    return path.join(this.rootDir, name.replace(/[^\w.-]/g, "_"));
  }
}
