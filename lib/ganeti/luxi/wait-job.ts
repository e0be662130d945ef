// Following a job over the luxi socket, the way the gnt-* CLI does (lib/ganeti/cli/jobs.ts pollJob, without printing):
// WaitForJobChange until the status is final, then QueryJobs for the result.
import type { LuxiClient } from "./client";

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
