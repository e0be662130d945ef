// Waiting for a job: long-polls GET /2/jobs/[id]/wait (the server answers as soon as the status or the log changes, or
// null after about 10 s), as Ganeti's own clients do. /wait needs a user with write access on Ganeti; a read-only or
// anonymous client falls back to polling GET /2/jobs/[id]. The final job is read in full; error and canceled become
// RapiJobFailedError with the failed opcode's Ganeti error.
import { RapiForbiddenError, RapiHttpError, RapiJobFailedError, RapiNotFoundError, RapiTimeoutError, RapiUnauthorizedError } from "./errors";
import { FINAL_JOB_STATUSES, type JobChange, type JobStatus, type LogEntry, type RapiJob } from "./types";

export type WaitForJobOptions = {
  /** The whole wait. Default 30 minutes; the job keeps running on the cluster after a timeout. */
  timeoutMs?: number;
  /** Called with each new job log entry, in order. */
  onLog?: (entry: LogEntry) => void;
};

export type JobSource = {
  /** One long poll; `deadline` (epoch ms) bounds it. */
  change(id: number, fields: string[], previous: unknown[] | null, serial: number | null, deadline: number): Promise<JobChange>;
  job(id: number, deadline: number): Promise<RapiJob>;
};

export const DEFAULT_JOB_TIMEOUT_MS = 30 * 60_000;
const POLL_START_MS = 200;
const POLL_MAX_MS = 2_000;

export async function waitForJob(source: JobSource, id: number, options: WaitForJobOptions = {}): Promise<RapiJob> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const log = new LogFollower(options.onLog);
  let job: RapiJob;
  try {
    const status = await longPoll(source, id, deadline, log);
    job = await source.job(id, deadline);
    if (status === null || !isFinal(job.status)) job = await poll(source, id, deadline, log, job);
  } catch (error) {
    // Timers may fire a hair early; a timeout this close to the deadline is the deadline's.
    if (error instanceof RapiTimeoutError && Date.now() >= deadline - 10) throw jobTimeout(id, timeoutMs);
    throw error;
  }
  log.replay(job);
  if (job.status !== "success") throw jobFailure(job);
  return job;
}

/** The final status, or null when /wait is not open to this client (then the caller polls). */
async function longPoll(source: JobSource, id: number, deadline: number, log: LogFollower): Promise<JobStatus | null> {
  let previous: unknown[] | null = null;
  for (;;) {
    if (Date.now() >= deadline) throw new RapiTimeoutError("deadline", 0);
    let change: JobChange;
    try {
      change = await source.change(id, ["status"], previous, log.serial, deadline);
    } catch (error) {
      if (error instanceof RapiUnauthorizedError || error instanceof RapiForbiddenError || isNotImplemented(error)) return null;
      if (error instanceof RapiNotFoundError) return null; // unknown job, or no /wait here: GET /2/jobs/[id] tells which
      throw error;
    }
    if (change === null) continue;
    previous = change.job_info;
    for (const entry of change.log_entries) log.add(entry);
    const status = change.job_info[0] as JobStatus;
    if (isFinal(status)) return status;
  }
}

async function poll(source: JobSource, id: number, deadline: number, log: LogFollower, first: RapiJob): Promise<RapiJob> {
  let job = first;
  let pause = POLL_START_MS;
  while (!isFinal(job.status)) {
    log.replay(job);
    const left = deadline - Date.now();
    if (left <= 0) throw new RapiTimeoutError("deadline", 0);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(POLL_MAX_MS, pause * 1.5);
    job = await source.job(id, deadline);
  }
  return job;
}

const isFinal = (status: string) => (FINAL_JOB_STATUSES as readonly string[]).includes(status);
const isNotImplemented = (error: unknown) => error instanceof RapiHttpError && error.status === 501;

function jobTimeout(id: number, timeoutMs: number): RapiTimeoutError {
  return new RapiTimeoutError(
    `Job ${id} did not finish within ${timeoutMs} ms; it keeps running on the cluster: follow it with getJobStatus(${id}) or wait longer`,
    timeoutMs,
  );
}

/** Hands each log entry to onLog once, whether it came from /wait or from the job's oplog. */
class LogFollower {
  serial: number | null = null;

  constructor(private readonly onLog?: (entry: LogEntry) => void) {}

  add(entry: LogEntry): void {
    if (this.serial !== null && entry[0] <= this.serial) return;
    this.serial = entry[0];
    this.onLog?.(entry);
  }

  replay(job: RapiJob): void {
    const entries = (job.oplog ?? []).flat().sort((a, b) => a[0] - b[0]);
    for (const entry of entries) this.add(entry);
  }
}

/** The typed error for a job that ended in error or was canceled, with the failed opcode's message. */
export function jobFailure(job: RapiJob): RapiJobFailedError {
  const index = job.opstatus.findIndex((s) => s === "error" || s === "canceled");
  const op = index >= 0 ? (job.summary[index] ?? job.ops[index]?.OP_ID) : job.summary.join(", ");
  const details = { jobId: job.id, status: job.status, job };
  if (job.status === "canceled") return new RapiJobFailedError(`Job ${job.id} (${op}) was canceled`, details);
  const decoded = decodeOpError(index >= 0 ? job.opresult?.[index] : undefined);
  const lastLog = job.oplog?.[index]?.at(-1)?.[3];
  const text = decoded
    ? `${decoded.errorClass}: ${decoded.opMessage}${decoded.errorCode ? ` (${decoded.errorCode})` : ""}`
    : typeof lastLog === "string"
      ? lastLog
      : "no error message in the job";
  return new RapiJobFailedError(`Job ${job.id} (${op}) failed: ${text}`, { ...details, ...decoded });
}

/** Ganeti encodes a failed opcode's result as [ErrorClass, [message, code?]]. */
function decodeOpError(result: unknown): { errorClass: string; opMessage: string; errorCode?: string } | undefined {
  if (!Array.isArray(result) || typeof result[0] !== "string") return undefined;
  const args: unknown[] = Array.isArray(result[1]) ? result[1] : [result[1]];
  const message = args[0];
  return {
    errorClass: result[0],
    opMessage: typeof message === "string" ? message : JSON.stringify(message),
    errorCode: typeof args[1] === "string" ? args[1] : undefined,
  };
}
