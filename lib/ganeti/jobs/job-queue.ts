// The job queue: jobs are validated and written to disk before their id is returned, run by priority (then age) up
// to `maxRunning` at once, can be cancelled until they run, and are archived when old. On start-up it resolves
// whatever a previous master left unfinished: queued and waiting jobs run again, running ones fail, and each job's
// log says which.
// Durability: a submitted job is fsynced before its id goes out; later states are written atomically (rename) but
// not fsynced, as Ganeti does. A killed master loses nothing; after a power loss a finished job may read as
// interrupted, while what it did is in the (always fsynced) configuration.
import { JobLost, JobQueueError } from "../errors";
import { isFinal, jobPriority, jobStatus, timestamp, type Job, type OpInput, type QueuedOpcode } from "./job";
import type { JobStore } from "./job-store";

export type OpcodeRunner = (job: Job, opIndex: number, control: { signal: AbortSignal; changed: () => void }) => Promise<void>;
export type OpcodeValidator = (input: OpInput) => Record<string, unknown>;

export type JobQueueOptions = { maxRunning: number; validate: OpcodeValidator; run: OpcodeRunner };

const UNCLEAN_SHUTDOWN = "Unclean master daemon shutdown";

export class JobQueue {
  private readonly jobs = new Map<number, Job>();
  private readonly queued = new QueuedJobs();
  private readonly running = new Map<number, AbortController>();
  private readonly waiters = new Map<number, Set<() => void>>();
  private draining = false;
  private stopped = false;

  constructor(
    private readonly store: JobStore,
    private readonly options: JobQueueOptions,
  ) {}

  /** Loads the queue left on disk and resolves unfinished jobs; returns a line per job it touched. */
  async recover(): Promise<string[]> {
    const report: string[] = [];
    for (const job of this.store.loadQueue()) {
      this.jobs.set(job.id, job);
      const status = jobStatus(job);
      if (isFinal(status)) continue;
      const ts = timestamp();
      let interrupted = false;
      for (const op of job.ops) {
        if (op.status === "running") {
          interrupted = true;
          op.status = "error";
          op.result = ["OpExecError", [`${UNCLEAN_SHUTDOWN}: the opcode was interrupted while running and may be partly done`]];
          op.end_timestamp = ts;
          appendLog(job, op, `${UNCLEAN_SHUTDOWN} while this opcode ran; marked as failed on restart (check the object with gnt-cluster verify)`);
        } else if (op.status === "canceling") {
          op.status = "canceled";
          op.end_timestamp = ts;
        } else if (interrupted && !isFinal(op.status)) {
          op.status = "error";
          op.result = ["OpExecError", ["Preceding opcode failed"]];
          op.end_timestamp = ts;
        } else if (op.status === "waiting") {
          op.status = "queued";
          appendLog(job, op, `${UNCLEAN_SHUTDOWN} while this opcode waited for locks; queued again on restart`);
        }
      }
      const after = jobStatus(job);
      if (!isFinal(after)) {
        job.end_timestamp = null;
        this.queued.add(job.id, jobPriority(job));
        report.push(`job ${job.id}: queued again`);
      } else {
        job.end_timestamp = ts;
        report.push(`job ${job.id}: ${after} (was ${status} when the master stopped)`);
      }
      await this.store.save(job);
    }
    this.schedule();
    return report;
  }

  /**
   * Submits several jobs at once (SubmitManyJobs): each is validated on its own; the valid ones are written to disk
   * together, so a thousand jobs cost about one fsync round, not a thousand in a row.
   */
  async submitMany(jobs: OpInput[][], submitter?: string): Promise<Array<[true, number] | [false, string]>> {
    const results = await Promise.all(
      jobs.map(async (ops): Promise<[true, number] | [false, string]> => {
        try {
          return [true, await this.submit(ops, submitter)];
        } catch (error) {
          return [false, error instanceof Error ? error.message : String(error)];
        }
      }),
    );
    return results;
  }

  /** Validates every opcode, then stores the job durably and returns its id. */
  async submit(ops: OpInput[], submitter?: string): Promise<number> {
    if (this.stopped) throw new JobQueueError("The master is shutting down; submit the job again once it is back");
    if (!Array.isArray(ops) || ops.length === 0) throw new JobQueueError("A job needs at least one opcode");
    const validated = ops.map((op) => this.options.validate(op));
    const id = this.store.allocateId();
    const job: Job = {
      id,
      ops: validated.map(
        (input): QueuedOpcode => ({
          input: input as OpInput,
          status: "queued",
          result: null,
          log: [],
          priority: (input.priority as number) ?? 0,
          start_timestamp: null,
          exec_timestamp: null,
          end_timestamp: null,
        }),
      ),
      received_timestamp: timestamp(),
      start_timestamp: null,
      end_timestamp: null,
      submitter,
    };
    this.jobs.set(id, job);
    await this.store.save(job);
    this.queued.add(id, jobPriority(job));
    this.schedule();
    return id;
  }

  get(id: number): Job | undefined {
    return this.jobs.get(id) ?? this.store.readArchived(id) ?? undefined;
  }

  /** Jobs still in the queue (not archived), oldest first. */
  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => a.id - b.id);
  }

  /** Ganeti's CancelJob: [true, msg] for a queued or waiting job, [false, why] otherwise. */
  async cancel(id: number): Promise<[boolean, string]> {
    const job = this.jobs.get(id);
    if (!job) return [false, `Job ${id} not found`];
    const status = jobStatus(job);
    if (status === "queued") {
      this.queued.delete(id);
      const ts = timestamp();
      for (const op of job.ops) {
        if (isFinal(op.status)) continue;
        op.status = "canceled";
        op.result = ["OpExecError", ["Job canceled by request"]];
        op.end_timestamp = ts;
      }
      job.end_timestamp = ts;
      await this.changed(job, true);
      this.store.forget(id);
      return [true, `Job ${id} canceled`];
    }
    if (status === "waiting") {
      for (const op of job.ops) if (op.status === "waiting") op.status = "canceling";
      await this.changed(job, true);
      this.running.get(id)?.abort();
      return [true, `Job ${id} will be canceled`];
    }
    if (status === "canceling") return [true, `Job ${id} is being canceled`];
    return [false, `Job ${id} is ${status === "running" ? "already running" : `already ${status}`}, can't cancel it`];
  }

  /** Resolves when the job changes (or after `timeoutMs`); the caller compares what it sees. */
  waitForChange(id: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(done);
    });
  }

  /** Moves final jobs to the archive; returns how many. */
  async archive(ids: number[]): Promise<number> {
    let count = 0;
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (!job || !isFinal(jobStatus(job))) continue;
      await this.store.archive(job);
      this.jobs.delete(id);
      count += 1;
    }
    return count;
  }

  /** Archives final jobs that ended more than `ageSeconds` ago (the watcher does this). */
  archiveOlderThan(ageSeconds: number): Promise<number> {
    const cutoff = Date.now() / 1000 - ageSeconds;
    const old = this.list().filter((j) => isFinal(jobStatus(j)) && (j.end_timestamp?.[0] ?? 0) < cutoff);
    return this.archive(old.map((j) => j.id));
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Stops starting jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running.size) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.store.flushAll();
  }

  /** Persists a change and wakes whoever waits on the job; resolves once written (synced when `durable`). */
  changed(job: Job, durable = false): Promise<void> {
    const saved = this.store.save(job, durable);
    for (const wake of [...(this.waiters.get(job.id) ?? [])]) wake();
    saved.catch((error) => console.error(`job ${job.id}: cannot save:`, error));
    return saved;
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    queueMicrotask(() => {
      this.draining = false;
      while (!this.stopped && this.running.size < this.options.maxRunning && this.queued.size) {
        const next = this.pickNext();
        if (next === undefined) break;
        this.queued.delete(next.id);
        void this.runJob(next);
      }
    });
  }

  private pickNext(): Job | undefined {
    for (const id of this.queued.inOrder()) {
      const job = this.jobs.get(id);
      if (job) return job;
      this.queued.delete(id);
    }
    return undefined;
  }


  private async runJob(job: Job): Promise<void> {
    const controller = new AbortController();
    this.running.set(job.id, controller);
    job.start_timestamp ??= timestamp();
    try {
      for (let index = 0; index < job.ops.length; index++) {
        const op = job.ops[index]!;
        if (isFinal(op.status)) continue;
        await this.options.run(job, index, { signal: controller.signal, changed: () => void this.changed(job) });
        if (op.status !== "success") {
          const ts = timestamp();
          for (const rest of job.ops.slice(index + 1)) {
            rest.status = op.status === "canceled" ? "canceled" : "error";
            rest.result = ["OpExecError", [op.status === "canceled" ? "Job canceled by request" : "Preceding opcode failed"]];
            rest.end_timestamp = ts;
          }
          break;
        }
      }
    } catch (error) {
      console.error(`job ${job.id}: internal error:`, error);
    } finally {
      job.end_timestamp = timestamp();
      this.running.delete(job.id);
      await this.changed(job).catch(() => undefined);
      this.store.forget(job.id);
      this.schedule();
    }
  }
}

/** Queued job ids by priority (lower first), each priority in submission order, so picking the next is cheap. */
class QueuedJobs {
  private readonly byPriority = new Map<number, Set<number>>();
  private readonly priorityOf = new Map<number, number>();

  get size(): number {
    return this.priorityOf.size;
  }

  add(id: number, priority: number): void {
    let set = this.byPriority.get(priority);
    if (!set) {
      set = new Set();
      this.byPriority.set(priority, set);
    }
    set.add(id);
    this.priorityOf.set(id, priority);
  }

  delete(id: number): void {
    const priority = this.priorityOf.get(id);
    if (priority === undefined) return;
    this.byPriority.get(priority)!.delete(id);
    this.priorityOf.delete(id);
  }

  *inOrder(): Generator<number> {
    for (const priority of [...this.byPriority.keys()].sort((a, b) => a - b)) yield* this.byPriority.get(priority)!;
  }
}

export function appendLog(job: Job, op: QueuedOpcode, message: string, type: "message" = "message"): void {
  let serial = 0;
  for (const o of job.ops) for (const entry of o.log) serial = Math.max(serial, entry[0]);
  op.log.push([serial + 1, timestamp(), type, message]);
}

export function requireJob(queue: JobQueue, id: number): Job {
  const job = queue.get(id);
  if (!job) throw new JobLost(`Job ${id} not found`);
  return job;
}
