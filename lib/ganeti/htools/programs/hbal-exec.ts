// `hbal -X`: the solution's moves run as jobs on the cluster the data came from (Ganeti's Jobs.execWithCancel):
// the jobs of a jobset are submitted together and waited for, jobsets run one after the other, a failed job stops
// the run, and an interrupt lets the current jobset finish before stopping.
import type { OpInput } from "../../jobs/job";
import { connectMaster } from "../../cli/connect";
import { LuxiClient } from "../../luxi/client";
import { defaultStateDir } from "../../master/settings";

/** What -X needs from the master: submit jobs and learn their final status. */
export type JobRunner = {
  submitJobs(jobs: OpInput[][]): Promise<Array<[true, number] | [false, string]>>;
  /** Waits until every job is finished; returns each job's final status (success, error, canceled). */
  waitJobs(ids: number[]): Promise<Array<[number, string]>>;
  close(): void;
};

export type JobSetToRun = { description: string; jobs: OpInput[][] };

const FINAL = new Set(["success", "error", "canceled"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A runner on the master daemon's luxi socket (`-L SOCKET`, or this installation's for a bare `-L`). */
export async function luxiJobRunner(socket: string | true): Promise<JobRunner> {
  const client = socket === true ? await connectMaster(defaultStateDir(process.env)) : await LuxiClient.connect(socket);
  return {
    submitJobs: (jobs) => client.call("SubmitManyJobs", jobs),
    async waitJobs(ids) {
      for (;;) {
        const rows = await client.call<Array<[string] | null>>("QueryJobs", ids, ["status"]);
        const statuses = ids.map((id, k): [number, string] => [id, rows[k]?.[0] ?? "canceled"]);
        if (statuses.every(([, s]) => FINAL.has(s))) return statuses;
        await sleep(200);
      }
    },
    close: () => client.close(),
  };
}

/** Ganeti's annotation of hbal's opcodes: a comment, the reason trail entry and the priority. */
export function annotateOpcodes(jobs: OpInput[][], version: string, reason: string | null, priority: number | null, nowNs: number): OpInput[][] {
  return jobs.map((ops) =>
    ops.map((op) => ({
      ...op,
      comment: `rebalancing via hbal ${version}`,
      reason: [["hbal", reason ?? `hbal ${version} called`, nowNs]],
      ...(priority === null ? {} : { priority }),
    })),
  );
}

/**
 * Runs the jobsets in order; returns null when all succeeded, else the error hbal reports. `cancelled` is checked
 * between jobsets (an interrupt stops the run there).
 */
export async function execJobSets(runner: JobRunner, sets: readonly JobSetToRun[], out: (s: string) => void, cancelled: () => boolean): Promise<string | null> {
  for (const set of sets) {
    out(`${set.description}\n`);
    const submitted = await runner.submitJobs(set.jobs);
    const failed = submitted.find((r) => !r[0]);
    if (failed) return `Cannot submit the jobs: ${failed[1]}`;
    const ids = submitted.map((r) => r[1] as number);
    out(`Got job IDs ${ids.join(", ")}\n`);
    const statuses = await runner.waitJobs(ids);
    if (statuses.some(([, s]) => s !== "success")) {
      return `Not all jobs completed successfully: [${statuses.map(([id, s]) => `(${id},${s})`).join(",")}]`;
    }
    if (cancelled()) return "Exiting early due to user request";
  }
  return null;
}
