// Submitting and following jobs through masterd's luxi socket, the way the gnt-* CLI does (lib/ganeti/cli/jobs.ts
// pollJob, without printing): SubmitJob, WaitForJobChange until the status is final, then QueryJobs for the result.
import type { OpInput } from "../../lib/ganeti/jobs/job";
import type { LuxiClient } from "../../lib/ganeti/luxi/client";

const FINAL = new Set(["success", "error", "canceled"]);

type JobChange = "nochange" | [unknown[], Array<[number, ...unknown[]]>];

export type JobResult = { id: number; status: string; result: unknown[] };

export async function waitJob(client: LuxiClient, id: number): Promise<JobResult> {
  let previous: unknown[] | null = null;
  let serial = 0;
  for (;;) {
    const change: JobChange = await client.call<JobChange>("WaitForJobChange", id, ["status"], previous, serial, 10);
    if (change === "nochange") continue;
    const [info, log]: [unknown[], Array<[number, ...unknown[]]>] = change;
    previous = info;
    for (const entry of log) serial = Math.max(serial, entry[0]);
    if (FINAL.has(String(info[0]))) break;
  }
  const [row] = await client.call<Array<[string, unknown[]] | null>>("QueryJobs", [id], ["status", "opresult"]);
  const [status, result] = row ?? ["lost", []];
  return { id, status, result };
}

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
