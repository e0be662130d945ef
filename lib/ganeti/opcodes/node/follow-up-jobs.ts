// Ganeti's ResultWithJobs: an opcode that only plans (node evacuate, node migrate) submits one job per move and
// returns {"jobs": [[true, id] | [false, reason], ...]}. Jobs are submitted one by one so that one refused job
// (e.g. failing validation) is reported in its slot instead of losing the others.
import type { OpInput } from "../../jobs/job";
import type { OpContext } from "../definition";

export type JobsResult = { jobs: Array<[true, number] | [false, string]> };

export async function submitFollowUps(ctx: Pick<OpContext, "submitJobs" | "log">, jobs: OpInput[][]): Promise<JobsResult> {
  const result: JobsResult = { jobs: [] };
  for (const ops of jobs) {
    try {
      const [id] = await ctx.submitJobs([ops]);
      result.jobs.push([true, id!]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(`- WARNING: could not submit the job for ${ops.map(describe).join(", ")}: ${message}`);
      result.jobs.push([false, message]);
    }
  }
  return result;
}

const describe = (op: OpInput) => `${op.OP_ID}(${String(op.instance_name ?? "")})`;

/** An opcode with only the fields that have a value: optional Ganeti fields left out rather than sent as null. */
export function opcode(opId: string, fields: Record<string, unknown>): OpInput {
  return { OP_ID: opId, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) };
}
