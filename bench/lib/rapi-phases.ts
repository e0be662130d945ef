// What bench/rapi measures, the same way on Gantry's RAPI and on Ganeti's: timed GETs (the whole body received and
// parsed), and job submissions (PUT …/tags, answered with the new job's id once the job is queued), one after the
// other and from several connections at once.
import { collectGarbage } from "./gc";
import { type Answer, BenchRapiClient, RapiError, type RapiEndpoint } from "./rapi-client";

/**
 * Per sample: the whole request with the client's JSON.parse, the first byte of the answer (the server's work), the
 * whole body received (what the server delivers), the client's JSON.parse.
 */
export type GetTimes = { ms: number[]; firstByteMs: number[]; receivedMs: number[]; parseMs: number[]; bytes: number; items: number };

/** One answer's size and length, and (unless a warm-up) its times. */
function record(times: GetTimes, answer: Answer, timed: boolean): void {
  if (timed) {
    times.ms.push(answer.ms);
    times.firstByteMs.push(answer.firstByteMs);
    times.receivedMs.push(answer.receivedMs);
    times.parseMs.push(answer.parseMs);
  }
  times.bytes = answer.bytes;
  times.items = Array.isArray(answer.body) ? answer.body.length : 1;
}

/**
 * `samples` timed GETs after `warmup` untimed ones; `items` is the length of the (list) answer. The bench's own
 * garbage (the last answer: 8.5 MiB of text and its objects for a bulk list) is collected before each request, so a
 * sample's parse does not pay for the one before.
 */
export async function timeGet(client: BenchRapiClient, path: string, samples: number, warmup = 2): Promise<GetTimes> {
  const times: GetTimes = { ms: [], firstByteMs: [], receivedMs: [], parseMs: [], bytes: 0, items: 0 };
  for (let i = 0; i < warmup + samples; i++) {
    collectGarbage();
    const answer = await client.ok<unknown>("GET", path);
    record(times, answer, i >= warmup);
  }
  return times;
}

/**
 * Like timeGet, but each sample follows a change of the configuration (a tag job, waited for), so the server cannot
 * reuse anything it derived from the configuration before.
 */
export async function timeGetAfterChange(client: BenchRapiClient, path: string, samples: number, instance: string): Promise<GetTimes> {
  const times: GetTimes = { ms: [], firstByteMs: [], receivedMs: [], parseMs: [], bytes: 0, items: 0 };
  for (let i = 0; i < samples; i++) {
    const job = await client.ok<number>("PUT", `/2/instances/${encodeURIComponent(instance)}/tags?tag=chg${i}`);
    const done = await client.waitJob(job.body);
    if (done.status !== "success") throw new Error(`tag job ${job.body} ${done.status}: ${JSON.stringify(done.opresult).slice(0, 200)}`);
    collectGarbage();
    record(times, await client.ok<unknown>("GET", path), true);
  }
  return times;
}

export type JobTimes = {
  /** From the first submission until the last job id came back. */
  submitWallMs: number;
  /** Per request: sent until the job id was received. */
  latenciesMs: number[];
  /** From the first submission until every job was final. */
  doneWallMs: number;
  failed: string[];
};

/**
 * `count` tag jobs (PUT /2/instances/NAME/tags?tag=…, Ganeti's OpTagsSet) over `instances` in turn, from
 * `concurrency` connections; then waits until every job is final.
 */
export async function submitTagJobs(endpoint: RapiEndpoint, instances: string[], count: number, concurrency: number, prefix: string): Promise<JobTimes> {
  const client = new BenchRapiClient(endpoint, concurrency);
  try {
    const latenciesMs: number[] = [];
    const ids: number[] = [];
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const name = instances[i % instances.length]!;
        const answer = await client.ok<number>("PUT", `/2/instances/${encodeURIComponent(name)}/tags?tag=${prefix}${i}`);
        if (typeof answer.body !== "number") throw new RapiError(answer.status, answer.body, "a job submission answered something other than a job id");
        latenciesMs.push(answer.ms);
        ids.push(answer.body);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    const submitWallMs = performance.now() - start;
    const failed: string[] = [];
    for (const id of ids.sort((a, b) => a - b)) {
      const job = await client.waitJob(id);
      if (job.status !== "success") failed.push(`job ${id} ${job.status}: ${JSON.stringify(job.opresult).slice(0, 200)}`);
    }
    return { submitWallMs, latenciesMs, doneWallMs: performance.now() - start, failed };
  } finally {
    client.close();
  }
}
