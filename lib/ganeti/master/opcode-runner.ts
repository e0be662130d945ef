// Runs one opcode of a job through its lifecycle: wait for dependencies → take locks (status "waiting") → check
// preconditions and execute (status "running") → commit the configuration → release the locks. What the opcode
// says goes to the job's log; a failure becomes Ganeti's encoded error in the opcode's result.
import { encodeError, GanetiError, OpPrereqError } from "../errors";
import { isFinal, jobStatus, timestamp, type Job } from "../jobs/job";
import { appendLog, type JobQueue, type OpcodeRunner } from "../jobs/job-queue";
import { BGL, LockCancelled, type LockManager } from "../jobs/locks";
import type { OpContext } from "../opcodes/definition";
import { opcodeDefinition } from "../opcodes/registry";

export type RunnerEnvironment = Omit<OpContext, "jobId" | "log" | "acquire" | "release" | "submitJobs"> & {
  locks: LockManager;
  queue: () => JobQueue;
};

export function createOpcodeRunner(env: RunnerEnvironment): OpcodeRunner {
  return async (job, index, control) => {
    const op = job.ops[index]!;
    const params = op.input as Record<string, unknown> & { dry_run?: boolean };
    const definition = opcodeDefinition(op.input.OP_ID);
    const owner = `job/${job.id}`;
    const ctx: OpContext = {
      config: env.config,
      rpc: env.rpc,
      virtualNodes: env.virtualNodes,
      nodeTransports: env.nodeTransports,
      allocator: env.allocator,
      sleep: env.sleep,
      jobId: job.id,
      log: (message) => {
        appendLog(job, op, message);
        control.changed();
      },
      acquire: (specs) => env.locks.acquire(owner, specs, { priority: op.priority, signal: control.signal }),
      release: (specs) => env.locks.release(owner, specs),
      submitJobs: (jobs) => Promise.all(jobs.map((ops) => env.queue().submit(ops, `job ${job.id}`))),
    };

    op.status = "waiting";
    op.start_timestamp = timestamp();
    control.changed();
    try {
      await waitForDependencies(env.queue(), job, params.depends as Array<[number, string[]]> | null, control.signal);
      const declared = await definition.locks(ctx, params);
      await env.locks.acquire(owner, [{ ...BGL, mode: definition.exclusiveBgl ? "exclusive" : "shared" }, ...declared], {
        priority: op.priority,
        signal: control.signal,
      });
      op.status = "running";
      op.exec_timestamp = timestamp();
      control.changed();
      const plan = await definition.prereq(ctx, params);
      op.result = params.dry_run ? dryRunResult(plan) : await definition.exec(ctx, params, plan);
      await env.config.commit();
      op.status = "success";
    } catch (error) {
      if (error instanceof LockCancelled) {
        op.status = "canceled";
        op.result = ["OpExecError", ["Job canceled by request"]];
      } else {
        op.status = "error";
        op.result = encodeError(error);
        if (!(error instanceof GanetiError)) console.error(`job ${job.id} ${op.input.OP_ID}: unexpected error:`, error);
        // Whatever the opcode changed before failing is real (disks made, nodes told): keep the record of it.
        await env.config.commit().catch((commitError) => appendLog(job, op, `Could not save the configuration: ${commitError}`));
      }
    } finally {
      // What the opcode reserved is now really used (or was never taken): free counts come from the nodes again.
      env.allocator.release(job.id);
      env.locks.release(owner);
      op.end_timestamp = timestamp();
    }
  };
}

/** A dry run reports what the opcode would do, when its plan says so (e.g. the nodes an allocator picked). */
function dryRunResult(plan: unknown): unknown {
  return plan && typeof plan === "object" && "dryRunResult" in plan ? (plan as { dryRunResult: unknown }).dryRunResult : null;
}

async function waitForDependencies(queue: JobQueue, job: Job, depends: Array<[number, string[]]> | null, signal: AbortSignal) {
  for (const [rawId, statuses] of depends ?? []) {
    const depId = rawId < 0 ? job.id + rawId : rawId;
    for (;;) {
      if (signal.aborted) throw new LockCancelled();
      const dep = queue.get(depId);
      if (!dep) throw new OpPrereqError(`Job ${job.id} depends on job ${depId}, which does not exist`, "unknown_entity");
      const status = jobStatus(dep);
      if (isFinal(status)) {
        if (statuses.length && !statuses.includes(status)) {
          throw new OpPrereqError(`Job ${job.id} depends on job ${depId} finishing with ${statuses.join(" or ")}, but it ended ${status}`, "wrong_state");
        }
        break;
      }
      await queue.waitForChange(depId, 1000);
    }
  }
}
