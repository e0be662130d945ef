// gnt-job: the job queue.
import { describeEncodedError } from "../../errors";
import type { LogEntry, OpInput } from "../../jobs/job";
import { OPT, UsageError, type Program } from "../command";
import { ctime, pollJob } from "../jobs";
import { listCommand, listFieldsCommand } from "../listing";

const jobIds = (args: string[]) =>
  args.map((a) => {
    if (!/^\d+$/.test(a)) throw new UsageError(`Invalid job id '${a}'`);
    return Number(a);
  });

const fmtTs = (ts: [number, number] | null) => (ts ? ctime(ts) : "N/A");

export const gntJob: Program = {
  name: "gnt-job",
  summary: "Job queue administration.",
  commands: [
    listCommand("job", ["id", "status", "summary"], "job"),
    listFieldsCommand("job"),
    {
      name: "info",
      usage: "info JOB_ID...",
      summary: "Shows a job's opcodes, status, results and log",
      args: { min: 1 },
      async run(ctx, args) {
        const fields = ["id", "status", "received_ts", "start_ts", "end_ts", "ops", "opstatus", "opresult", "oplog", "opstart", "opexec", "opend", "submitter"];
        const rows = await (await ctx.client()).call<Array<unknown[] | null>>("QueryJobs", jobIds(args), fields);
        rows.forEach((row, n) => {
          if (!row) {
            ctx.out(`Job ID: ${args[n]} not found`);
            return;
          }
          const [id, status, received, start, end, ops, opstatus, opresult, oplog, opstart, opexec, opend, submitter] = row as any[];
          ctx.out(`- Job ID: ${id}`);
          ctx.out(`  Status: ${status}`);
          ctx.out(`  Received:         ${fmtTs(received)}`);
          ctx.out(`  Processing start: ${fmtTs(start)}`);
          ctx.out(`  Processing end:   ${fmtTs(end)}`);
          if (submitter) ctx.out(`  Submitted by: ${submitter}`);
          ctx.out("  Opcodes:");
          (ops as OpInput[]).forEach((op, i) => {
            ctx.out(`    - Opcode: ${op.OP_ID}`);
            ctx.out(`      Status: ${opstatus[i]}`);
            ctx.out(`      Processing start: ${fmtTs(opstart[i])}`);
            ctx.out(`      Execution start:  ${fmtTs(opexec[i])}`);
            ctx.out(`      Processing end:   ${fmtTs(opend[i])}`);
            ctx.out("      Input fields:");
            for (const [k, v] of Object.entries(op).filter(([k]) => k !== "OP_ID").sort()) ctx.out(`        ${k}: ${JSON.stringify(v)}`);
            const result = opresult[i];
            ctx.out(`      Result: ${opstatus[i] === "error" ? describeEncodedError(result) : JSON.stringify(result)}`);
            ctx.out("      Execution log:");
            for (const entry of oplog[i] as LogEntry[]) ctx.out(`        ${entry[0]}:${ctime(entry[1])} ${entry[2]} ${entry[3]}`);
          });
        });
      },
    },
    {
      name: "cancel",
      usage: "cancel JOB_ID...",
      summary: "Cancels jobs that have not started running",
      args: { min: 1 },
      async run(ctx, args) {
        let failed = 0;
        for (const id of jobIds(args)) {
          const [ok, message] = await (await ctx.client()).call<[boolean, string]>("CancelJob", id);
          (ok ? ctx.out : ctx.err)(message);
          if (!ok) failed++;
        }
        return failed ? 1 : 0;
      },
    },
    {
      name: "watch",
      usage: "watch JOB_ID",
      summary: "Follows a job's log until it ends; exit status 1 if it failed",
      args: { min: 1, max: 1 },
      async run(ctx, args) {
        const [id] = jobIds(args);
        ctx.out(`Output from job ${id} follows`);
        ctx.out("-----------------------------");
        await pollJob(ctx, id!);
      },
    },
    {
      name: "wait",
      usage: "wait JOB_ID",
      summary: "Waits for a job to end, without output; exit status 1 if it failed",
      args: { min: 1, max: 1 },
      async run(ctx, args) {
        await pollJob(ctx, jobIds(args)[0]!, { printLog: false });
      },
    },
    {
      name: "archive",
      usage: "archive JOB_ID...",
      summary: "Archives finished jobs",
      args: { min: 1 },
      async run(ctx, args) {
        for (const id of jobIds(args)) {
          const ok = await (await ctx.client()).call<boolean>("ArchiveJob", id);
          if (!ok) ctx.err(`Job ${id} is not finished or not in the queue; not archived`);
        }
      },
    },
    {
      name: "autoarchive",
      usage: "autoarchive AGE",
      summary: "Archives finished jobs older than AGE seconds (or e.g. 1d; 'all' for every finished job)",
      args: { min: 1, max: 1 },
      async run(ctx, [age]) {
        const seconds = age === "all" ? -1 : Number(/^\d+$/.test(age!) ? age : NaN);
        if (Number.isNaN(seconds)) throw new UsageError(`Invalid age '${age}': seconds, or 'all'`);
        const [count] = await (await ctx.client()).call<[number, number]>("AutoArchiveJobs", seconds, 60);
        ctx.out(`Archived ${count} jobs`);
      },
    },
  ],
};

export { OPT };
