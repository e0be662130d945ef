// The master of one cluster: its configuration, job queue, locks, the nodes it talks to (virtual nodes hosted here,
// real hosts through their noded),
// the watcher and the configuration copies on master candidates. workers/masterd.ts puts it behind a luxi socket.
import path from "node:path";
import { ConfigStore } from "../config/config-store";
import { ensureVncClusterPassword } from "../hypervisors/vnc-cluster-password";
import { jobStatus, type OpInput } from "../jobs/job";
import { JobQueue } from "../jobs/job-queue";
import { JobStore } from "../jobs/job-store";
import { LockManager } from "../jobs/locks";
import { DEFAULT_VIRTUAL_OPTIONS, VirtualNodeHost, type VirtualClusterOptions } from "../node/virtual-host";
import { ensureClusterCertificate } from "../noded/cluster-certificate";
import { HailAllocator } from "../opcodes/instance/allocator";
import { validateOpcode } from "../opcodes/registry";
import { NodeRpcRunner } from "../rpc/rpc-runner";
import { NodeTransports } from "./node-transports";
import { createOpcodeRunner } from "./opcode-runner";
import { Watcher } from "./watcher";

export type MasterOptions = {
  stateDir: string;
  virtual?: Partial<VirtualClusterOptions>;
  /** Watcher period in ms; 0 disables the periodic watcher (it can still run on request). */
  watcherIntervalMs?: number;
  /** Delay before master candidates receive a changed configuration, coalescing bursts of changes. */
  distributeDelayMs?: number;
};

export class Master {
  readonly locks = new LockManager();
  readonly allocator = new HailAllocator();
  readonly queue: JobQueue;
  readonly watcher: Watcher;
  readonly rpc: NodeRpcRunner;
  readonly nodeTransports: NodeTransports;
  private distributeTimer: NodeJS.Timeout | null = null;
  private distributing: Promise<void> = Promise.resolve();
  recovery: string[] = [];

  private constructor(
    readonly options: MasterOptions,
    readonly config: ConfigStore,
    readonly virtualNodes: VirtualNodeHost,
  ) {
    this.nodeTransports = new NodeTransports(virtualNodes, () => ensureClusterCertificate(options.stateDir));
    this.rpc = new NodeRpcRunner(config, (node) => this.nodeTransports.for(node));
    const store = new JobStore(path.join(options.stateDir, "queue"));
    this.queue = new JobQueue(store, {
      maxRunning: config.cluster.max_running_jobs,
      validate: validateOpcode as (op: OpInput) => Record<string, unknown>,
      run: createOpcodeRunner({
        config,
        rpc: this.rpc,
        virtualNodes,
        nodeTransports: this.nodeTransports,
        allocator: this.allocator,
        locks: this.locks,
        queue: () => this.queue,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
    });
    this.watcher = new Watcher(options.stateDir, { config, rpc: this.rpc, queue: this.queue }, options.watcherIntervalMs ?? 60_000);
    config.onCommitted(() => {
      this.scheduleDistribution();
      this.closeOfflineNodesConsoles();
    });
  }

  static async open(options: MasterOptions): Promise<Master> {
    const config = ConfigStore.load(options.stateDir);
    await ensureVncClusterPassword(options.stateDir);
    const virtualNodes = new VirtualNodeHost(options.stateDir, { ...DEFAULT_VIRTUAL_OPTIONS, ...options.virtual });
    const master = new Master(options, config, virtualNodes);
    master.recovery = await master.queue.recover();
    // The previous master may have died between a commit and its distribution: candidates' copies can be behind.
    master.scheduleDistribution();
    master.watcher.start();
    // After an unclean stop, bring instances back to the state their admins asked for, as the watcher would on its
    // next round: an interrupted start leaves an instance marked up but not running.
    if (master.recovery.length) void master.watcher.runOnce().catch((error) => console.error("watcher after recovery:", error));
    return master;
  }

  submit(ops: OpInput[], submitter?: string): Promise<number> {
    return this.queue.submit(ops, submitter);
  }

  /** Waits until a job is final; for tests and in-process callers. */
  async waitForJob(id: number): Promise<ReturnType<typeof jobStatus>> {
    for (;;) {
      const job = this.queue.get(id);
      if (!job) throw new Error(`job ${id} not found`);
      const status = jobStatus(job);
      if (status === "success" || status === "error" || status === "canceled") return status;
      await this.queue.waitForChange(id, 1000);
    }
  }

  /** Brings every master candidate's copy up to date now (verify and redist-conf want it current). */
  async flushDistribution(): Promise<void> {
    if (this.distributeTimer) {
      clearTimeout(this.distributeTimer);
      this.distributeTimer = null;
      this.distributing = this.distribute();
    }
    await this.distributing;
  }

  async stop(): Promise<void> {
    this.watcher.stop();
    await this.queue.stop();
    await this.flushDistribution().catch(() => undefined);
    await this.config.commit();
    await this.virtualNodes.stop();
    this.nodeTransports.close();
  }

  /** A node marked offline is one the master no longer talks to: the consoles it opened close. */
  private closeOfflineNodesConsoles(): void {
    const { consoles } = this.virtualNodes;
    if (consoles.openCount === 0) return;
    for (const node of this.config.nodes()) if (node.offline) consoles.closeNode(node.name, "the node was marked offline");
  }

  private scheduleDistribution(): void {
    if (this.distributeTimer) return;
    // A large configuration is costly to copy to ten candidates: copying takes at most a fifth of the time.
    const delay = Math.max(this.options.distributeDelayMs ?? 1000, 4 * this.lastDistributionMs);
    this.distributeTimer = setTimeout(() => {
      this.distributeTimer = null;
      this.distributing = this.distributing.then(() => this.distribute());
    }, delay);
    this.distributeTimer.unref();
  }

  private distributedSerial = 0;
  private lastDistributionMs = 0;

  private async distribute(): Promise<void> {
    const { content, serial } = this.config.committed();
    if (serial === this.distributedSerial) return;
    this.distributedSerial = serial;
    const started = Date.now();
    const targets = this.config.masterCandidates().map((n) => n.uuid);
    await this.rpc.each(targets, (rpc) => rpc.uploadConfig(content, serial));
    this.lastDistributionMs = Date.now() - started;
  }
}
