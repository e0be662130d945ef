// Assertions for opcode tests: a job refused in its preconditions (with Ganeti's error code) and the lines of a
// job's log.
import { expect } from "vitest";
import { jobStatus, type Job, type OpInput } from "../jobs/job";
import type { Harness } from "./cluster-harness";

/** Runs `op`, expects an OpPrereqError with `code` and a message matching `message`; returns the message. */
export async function expectRefused(h: Harness, op: OpInput, code: string, message: RegExp): Promise<string> {
  const job = await h.run(op);
  expect(jobStatus(job)).toBe("error");
  const [kind, [text, errorCode]] = job.ops[0]!.result as [string, [string, string]];
  expect({ kind, errorCode, text }).toMatchObject({ kind: "OpPrereqError", errorCode: code });
  expect(text).toMatch(message);
  return text;
}

export const logLines = (job: Job): string[] => job.ops.flatMap((o) => o.log.map((entry) => String(entry[3])));

/** Runs one opcode that must succeed; returns its result and its log. */
export async function runOk(h: Harness, op: OpInput): Promise<{ result: unknown; log: string[] }> {
  const job = await h.run(op);
  if (jobStatus(job) !== "success") throw new Error(`${op.OP_ID} failed: ${JSON.stringify(job.ops[0]!.result)}\n${logLines(job).join("\n")}`);
  return { result: job.ops[0]!.result, log: logLines(job) };
}
