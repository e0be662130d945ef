// Gantry's side of core-jobs: single-operation latencies, a burst of concurrent creates, and masterd's memory once
// the cluster holds many instances. Everything goes through masterd's luxi socket.
import type { BenchCluster, Memory } from "./gantry-cluster";
import { createOp, removeOp, shutdownOp, startupOp, type Placement } from "./instance-ops";
import { runBatch, timedJob, type BatchResult } from "./luxi-jobs";
import type { SingleTimes } from "./ganeti-peer";

/** Per sample, in order: create, shutdown, startup, remove (as the Ganeti driver does), primary nodes round-robin. */
export async function singleOps(cluster: BenchCluster, samples: number): Promise<SingleTimes> {
  const times: SingleTimes = { create: [], shutdown: [], startup: [], remove: [] };
  for (let i = 0; i < samples; i++) {
    const name = `single-${i}.example.org`;
    times.create.push(await timedJob(cluster.client, [createOp(name, { pnode: cluster.nodes[i % cluster.nodes.length]! })]));
    times.shutdown.push(await timedJob(cluster.client, [shutdownOp(name)]));
    times.startup.push(await timedJob(cluster.client, [startupOp(name)]));
    times.remove.push(await timedJob(cluster.client, [removeOp(name)]));
  }
  return times;
}

export type PlacementMode = "hail" | "round-robin";

/** `count` creates named PREFIX-N, submitted in one SubmitManyJobs request and waited for. */
export async function createBurst(cluster: BenchCluster, prefix: string, count: number, mode: PlacementMode, offset = 0): Promise<BatchResult> {
  const jobs = Array.from({ length: count }, (_, i) => {
    const placement: Placement = mode === "hail" ? { iallocator: "hail" } : { pnode: cluster.nodes[(offset + i) % cluster.nodes.length]! };
    return [createOp(`${prefix}-${offset + i}.example.org`, placement)];
  });
  const result = await runBatch(cluster.client, jobs);
  if (result.failed.length) {
    const first = result.failed[0]!;
    throw new Error(`${result.failed.length} of ${count} creates failed; first: job ${first.id} ${first.status} ${first.detail}`);
  }
  return result;
}

export type FillResult = { created: number; wallMs: number; submitMs: number; memory: Memory; settled: Memory; instances: number };

/**
 * Tops the cluster up to `total` instances in one burst, then reads masterd's memory right away and after `settleMs`
 * idle: a burst leaves garbage (whole-configuration strings) that V8 only hands back once the process is idle.
 * Finished jobs stay in the queue (as in Ganeti, until the watcher archives them), so they are part of the figure.
 */
export async function fillAndMeasure(cluster: BenchCluster, total: number, existing: number, mode: PlacementMode, settleMs: number): Promise<FillResult> {
  const count = Math.max(0, total - existing);
  const burst = await createBurst(cluster, "fill", count, mode, existing);
  const memory = cluster.memory();
  const instances = await cluster.client.call<unknown>("Query", "instance", ["name"], null);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return { created: count, wallMs: burst.wallMs, submitMs: burst.submitMs, memory, settled: cluster.memory(), instances: countRows(instances) };
}

function countRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const data = (result as { data?: unknown[] } | null)?.data;
  return Array.isArray(data) ? data.length : NaN;
}
