// Submitting jobs from the CLI and following them, as Ganeti's cli.SubmitOrSend/PollJob do: the job's log lines
// are printed as they arrive with their time; --submit prints "JobID: N" and returns at once.
import { GanetiError } from "../errors";
import type { LogEntry, OpInput } from "../jobs/job";
import type { CliContext, Options } from "./command";

export type JobOutcome = { id: number; status: string; results: unknown[] };

export class JobFailed extends Error {
  constructor(
    message: string,
    readonly outcome: JobOutcome,
  ) {
    super(message);
  }
}

const PRIORITIES: Record<string, number> = { low: 10, normal: 0, high: -10 };

/** Applies --dry-run and --priority to every opcode. */
export function withGenericOptions(ops: OpInput[], options: Options): OpInput[] {
  const priority = options.priority === undefined ? undefined : parsePriority(String(options.priority));
  return ops.map((op) => ({
    ...op,
    ...(options.dryRun ? { dry_run: true } : {}),
    ...(priority !== undefined ? { priority } : {}),
  }));
}

function parsePriority(value: string): number {
  if (value in PRIORITIES) return PRIORITIES[value]!;
  const n = Number(value);
  if (!Number.isInteger(n) || n < -20 || n > 19) throw new GanetiError("ParameterError", `Invalid priority '${value}': use low, normal, high or -20..19`, "wrong_input");
  return n;
}

/** Submits one job; with --submit prints its id, otherwise follows it and returns its opcode results. */
export async function submitOrWait(ctx: CliContext, ops: OpInput[], options: Options): Promise<JobOutcome | null> {
  const client = await ctx.client();
  const id = await client.call<number>("SubmitJob", withGenericOptions(ops, options));
  if (options.submit) {
    ctx.out(`JobID: ${id}`);
    return null;
  }
  return pollJob(ctx, id);
}

export async function pollJob(ctx: CliContext, id: number, options: { printLog?: boolean } = {}): Promise<JobOutcome> {
  const client = await ctx.client();
  let previous: unknown[] | null = null;
  let serial = 0;
  for (;;) {
    const change: "nochange" | [unknown[], LogEntry[]] = await client.call("WaitForJobChange", id, ["status"], previous, serial, 10);
    if (change !== "nochange") {
      const [info, log]: [unknown[], LogEntry[]] = change;
      previous = info;
      for (const entry of log) {
        serial = Math.max(serial, entry[0]);
        if (options.printLog !== false) ctx.out(`${ctime(entry[1])} ${entry[3]}`);
      }
      if (["success", "error", "canceled"].includes(String(info[0]))) break;
    }
  }
  const [row] = await client.call<Array<[string, unknown[]] | null>>("QueryJobs", [id], ["status", "opresult"]);
  const [status, results] = row as [string, unknown[]];
  const outcome = { id, status, results };
  if (status !== "success") throw new JobFailed(describeJobFailure(outcome), outcome);
  return outcome;
}

export function describeJobFailure(outcome: JobOutcome): string {
  if (outcome.status === "canceled") return `Job ${outcome.id} was canceled`;
  const failed = outcome.results.find((r) => Array.isArray(r) && typeof r[0] === "string" && Array.isArray(r[1]) && r[0] !== "OpExecError") ?? outcome.results.find((r) => Array.isArray(r) && Array.isArray(r[1]));
  if (!failed) return `Job ${outcome.id} failed`;
  const [kind, [message, code]] = failed as [string, [string, string?]];
  return formatFailure(kind, message, code);
}

/** Ganeti's wording for failures, on one line. */
export function formatFailure(kind: string, message: string, code?: string): string {
  switch (kind) {
    case "OpPrereqError":
      return `Failure: prerequisites not met for this operation: error type: ${code ?? "wrong_input"}, error details: ${message}`;
    case "OpExecError":
      return `Failure: command execution error: ${message}`;
    case "ParameterError":
      return `Failure: invalid parameter: ${message}`;
    case "JobLost":
      return `Job lost: ${message}`;
    default:
      return `Failure: ${message}`;
  }
}

/** Python's time.ctime(): "Sun Nov 22 10:04:05 2026". */
export function ctime([seconds, micro]: [number, number]): string {
  const d = new Date(seconds * 1000 + micro / 1000);
  const day = d.toLocaleString("en-US", { weekday: "short" });
  const month = d.toLocaleString("en-US", { month: "short" });
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day} ${month} ${String(d.getDate()).padStart(2, " ")} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
}
