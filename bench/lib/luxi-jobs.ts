// Submitting jobs through masterd's luxi socket and following them (lib/ganeti/luxi/wait-job.ts), timed.
import type { OpInput } from "../../lib/ganeti/jobs/job";
import type { LuxiClient } from "../../lib/ganeti/luxi/client";
import { waitJob } from "../../lib/ganeti/luxi/wait-job";

export { waitJob, type JobResult } from "../../lib/ganeti/luxi/wait-job";

/** Submits one job, waits for it and returns its latency in ms; throws when the job does not succeed. */
export async function timedJob(client: LuxiClient, ops: OpInput[]): Promise<number> {
  const start = performance.now();
  const id = await client.call<number>("SubmitJob", ops);
  const job = await waitJob(client, id);
  const elapsed = performance.now() - start;
  if (job.status !== "success") throw new Error(`job ${id} (${ops.map((o) => o.OP_ID).join(",")}) ${job.status}: ${JSON.stringify(job.result).slice(0, 400)}`);
  return elapsed;
}

export type BatchResult = {
  /** From before the submission until every job was seen final, in ms. */
  wallMs: number;
  /** How long the SubmitManyJobs request itself took (every job durably queued), in ms. */
  submitMs: number;
  /** Per job, end_ts - received_ts as the master recorded them (queueing included), in ms. */
  latenciesMs: number[];
  failed: Array<{ id: number | null; status: string; detail: string }>;
};

/** Submits many one-opcode jobs at once (SubmitManyJobs, one request) and waits for all of them. */
export async function runBatch(client: LuxiClient, jobs: OpInput[][]): Promise<BatchResult> {
  const start = performance.now();
  const submitted = await client.call<Array<[boolean, unknown]>>("SubmitManyJobs", jobs);
  const submitMs = performance.now() - start;
  const ids: number[] = [];
  const failed: BatchResult["failed"] = [];
  for (const [ok, value] of submitted) {
    if (ok) ids.push(Number(value));
    else failed.push({ id: null, status: "rejected", detail: String(value) });
  }
  // In submission order: once a job is final, the next waits return at once if theirs already are.
  for (const id of ids) await waitJob(client, id);
  const wallMs = performance.now() - start;
  const rows = await client.call<Array<[string, [number, number], [number, number] | null, unknown[]] | null>>("QueryJobs", ids, ["status", "received_ts", "end_ts", "opresult"]);
  const latenciesMs: number[] = [];
  rows.forEach((row, i) => {
    if (!row) return void failed.push({ id: ids[i]!, status: "lost", detail: "" });
    const [status, received, end, result] = row;
    if (status === "success" && end) latenciesMs.push(toMs(end) - toMs(received));
    else failed.push({ id: ids[i]!, status, detail: JSON.stringify(result).slice(0, 300) });
  });
  return { wallMs, submitMs, latenciesMs, failed };
}

function toMs([seconds, micro]: [number, number]): number {
  return seconds * 1000 + micro / 1000;
}
