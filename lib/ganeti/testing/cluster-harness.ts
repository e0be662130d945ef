// Test support: a real embedded cluster in a temporary state directory, its master running in-process (no socket,
// no daemon), with virtual nodes. Jobs go through the real queue, locks and opcodes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeEncodedError } from "../errors";
import { jobStatus, type Job, type OpInput } from "../jobs/job";
import { initCluster, type InitOptions } from "../master/bootstrap";
import { Master, type MasterOptions } from "../master/master";
import type { InstanceRunInfo } from "../rpc/node-rpc";

export type Harness = {
  stateDir: string;
  master: Master;
  /** Submits one job and waits for it; returns the job (status, results, log). */
  run(...ops: OpInput[]): Promise<Job>;
  /** Like run, but throws with the job's error when it does not succeed. */
  ok(...ops: OpInput[]): Promise<unknown[]>;
  addNodes(count: number, hardware?: { memory?: number; disk?: number; cpus?: number }): Promise<string[]>;
  createInstance(name: string, template: string, nodes: string, extra?: Record<string, unknown>): Promise<void>;
  running(node: string): Promise<readonly InstanceRunInfo[]>;
  /** Restarts the master from its state directory (as after a crash or a stop). */
  restart(): Promise<Master>;
  close(): Promise<void>;
};

export async function createHarness(options: Partial<MasterOptions> & { domain?: string; init?: Partial<Omit<InitOptions, "stateDir">> } = {}): Promise<Harness> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-cluster-"));
  const domain = options.domain ?? "example.org";
  initCluster({
    stateDir,
    clusterName: `cluster.${domain}`,
    masterNode: `node1.${domain}`,
    hardware: { memory_total: 16384, memory_dom0: 1024, cpu_total: 8, storage_total: 512000, spindles: 1 },
    ...options.init,
  });
  const { init: _init, domain: _domain, ...rest } = options;
  const masterOptions: MasterOptions = { stateDir, watcherIntervalMs: 0, distributeDelayMs: 10, ...rest, virtual: { resyncRate: 1024 * 1024, powercycleMs: 200, ...options.virtual } };
  let master = await Master.open(masterOptions);
  let nodeCount = 1;

  const harness: Harness = {
    stateDir,
    get master() {
      return master;
    },
    async run(...ops) {
      const id = await master.submit(ops, "test");
      await master.waitForJob(id);
      return master.queue.get(id)!;
    },
    async ok(...ops) {
      const job = await harness.run(...ops);
      if (jobStatus(job) !== "success") {
        const failed = job.ops.find((o) => o.status === "error");
        throw new Error(`job ${job.id} ${jobStatus(job)}: ${failed ? describeEncodedError(failed.result) : "?"}\n${job.ops.flatMap((o) => o.log.map((l) => l[3])).join("\n")}`);
      }
      return job.ops.map((o) => o.result);
    },
    async addNodes(count, hw = {}) {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const name = `node${++nodeCount}.${domain}`;
        await harness.ok({
          OP_ID: "OP_NODE_ADD",
          node_name: name,
          virtual_hardware: { memory: hw.memory ?? 65536, disk: hw.disk ?? 1048576, cpus: hw.cpus ?? 16 },
        });
        names.push(name);
      }
      return names;
    },
    async createInstance(name, template, nodes, extra = {}) {
      const [pnode, snode] = nodes.split(":");
      await harness.ok({
        OP_ID: "OP_INSTANCE_CREATE",
        instance_name: name,
        disk_template: template,
        disks: template === "diskless" ? [] : [{ size: 1024 }],
        nics: [{}],
        os_type: "noop",
        pnode,
        ...(snode ? { snode } : {}),
        ...extra,
      });
    },
    async running(node) {
      return master.rpc.node(master.config.expandName("node", node)).allInstancesInfo();
    },
    async restart() {
      await master.stop();
      master = await Master.open(masterOptions);
      return master;
    },
    async close() {
      await master.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return harness;
}
