// WaitForJobChange: long-polls a job until the watched fields or its log change (or the timeout passes), as
// Ganeti's luxi method does; "nochange" when nothing changed.
import { JobLost } from "../errors";
import { isFinal, jobStatus, type Job, type LogEntry } from "../jobs/job";
import type { JobQueue } from "../jobs/job-queue";
import { fieldIndex } from "../query/run-query";

export const JOB_NOTCHANGED = "nochange";

export function jobValues(job: Job, fields: string[], archived: boolean): unknown[] {
  const index = fieldIndex("job");
  return fields.map((name) => {
    const f = index.get(name);
    return f ? f.get(job, { archived: () => archived }) : null;
  });
}

export async function waitForJobChange(
  queue: JobQueue,
  id: number,
  fields: string[],
  previousInfo: unknown[] | null,
  previousLogSerial: number | null,
  timeoutSeconds: number,
): Promise<typeof JOB_NOTCHANGED | [unknown[], LogEntry[]]> {
  const deadline = Date.now() + Math.min(Math.max(timeoutSeconds, 0), 60) * 1000;
  for (;;) {
    const job = queue.get(id);
    if (!job) throw new JobLost(`Job ${id} not found`);
    const info = jobValues(job, fields, false);
    const newLog = job.ops.flatMap((op) => op.log).filter((entry) => entry[0] > (previousLogSerial ?? 0)).sort((a, b) => a[0] - b[0]);
    const changed = JSON.stringify(info) !== JSON.stringify(previousInfo);
    if (changed || newLog.length || isFinal(jobStatus(job))) {
      if (!changed && !newLog.length) return JOB_NOTCHANGED;
      return [info, newLog];
    }
    const left = deadline - Date.now();
    if (left <= 0) return JOB_NOTCHANGED;
    await queue.waitForChange(id, left);
  }
}
