// Jobs and their opcodes, with Ganeti's statuses, timestamps ([seconds, microseconds]) and log entries.
import type { EncodedError } from "../errors";

export const OP_STATUSES = ["queued", "waiting", "canceling", "running", "canceled", "success", "error"] as const;
export type OpStatus = (typeof OP_STATUSES)[number];
export type JobStatus = OpStatus;

export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(["canceled", "success", "error"]);
export const isFinal = (status: JobStatus) => FINAL_STATUSES.has(status);

export type Timestamp = [number, number];
export type LogType = "message" | "message-list" | "remote-import";
/** [serial, timestamp, type, message]: serials count up across the whole job. */
export type LogEntry = [number, Timestamp, LogType, string];

export type OpInput = { OP_ID: string; [key: string]: unknown };

export type QueuedOpcode = {
  input: OpInput;
  status: OpStatus;
  result: unknown;
  log: LogEntry[];
  priority: number;
  start_timestamp: Timestamp | null;
  exec_timestamp: Timestamp | null;
  end_timestamp: Timestamp | null;
};

export type Job = {
  id: number;
  ops: QueuedOpcode[];
  received_timestamp: Timestamp;
  start_timestamp: Timestamp | null;
  end_timestamp: Timestamp | null;
  /** Gantry: who submitted it (CLI user, RAPI user, the watcher), for the audit trail. */
  submitter?: string;
};

export const PRIORITY_HIGHEST = -20;
export const PRIORITY_LOWEST = 19;
export const PRIORITY_DEFAULT = 0;

export function timestamp(ms = Date.now()): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1000)];
}

/** Ganeti's calcJobStatus: derived from the opcodes, never stored. */
export function jobStatus(job: Pick<Job, "ops">): JobStatus {
  let status: JobStatus = "queued";
  let allSuccess = job.ops.length > 0;
  for (const op of job.ops) {
    if (op.status === "error" || op.status === "canceling" || op.status === "canceled") return op.status;
    if (op.status !== "success") allSuccess = false;
    if (op.status === "waiting" || op.status === "running") status = op.status;
  }
  return allSuccess ? "success" : status;
}

/** The job's priority: the highest (lowest number) of its unfinished opcodes. */
export function jobPriority(job: Pick<Job, "ops">): number {
  const pending = job.ops.filter((op) => !isFinal(op.status));
  return Math.min(...(pending.length ? pending : job.ops).map((op) => op.priority));
}

export function lastLogSerial(job: Job): number {
  let serial = 0;
  for (const op of job.ops) for (const entry of op.log) serial = Math.max(serial, entry[0]);
  return serial;
}

export function opResultIsError(result: unknown): result is EncodedError {
  return Array.isArray(result) && typeof result[0] === "string" && /Error|JobLost|OpCodeUnknown/.test(result[0]) && Array.isArray(result[1]);
}
