// Jobs a job started: Ganeti's node evacuation, node migration and group evacuation answer with the jobs that do
// the moves (opcode result {"jobs": [[true, id] | [false, error], …]}, Ganeti's ResultWithJobs). The manager follows
// them as it follows its own, so the cache syncs when the moves end and the page can show them.
export function childJobIds(opresults: readonly unknown[] | null | undefined): number[] {
  const ids: number[] = [];
  for (const result of opresults ?? []) {
    const jobs = (result as { jobs?: unknown } | null)?.jobs;
    if (!Array.isArray(jobs)) continue;
    for (const entry of jobs) {
      if (Array.isArray(entry) && entry[0] === true && Number.isInteger(entry[1])) ids.push(entry[1] as number);
    }
  }
  return ids;
}
