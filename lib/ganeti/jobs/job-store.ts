// Jobs on disk, as Ganeti keeps them: $STATE/queue/job-<id>.json, rewritten atomically on every change, moved to
// queue/archive/<id / 10000>/ when archived. A job is on disk before its id is handed out.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { GroupCommitter, writeFileAtomic } from "../config/atomic-write";
import type { Job } from "./job";

const JOB_FILE_RE = /^job-(\d+)\.json$/;

export class JobStore {
  private readonly committers = new Map<number, { committer: GroupCommitter; job: Job }>();
  private readonly serialCommitter: GroupCommitter;
  private lastId: number;

  constructor(readonly dir: string) {
    fs.mkdirSync(path.join(dir, "archive"), { recursive: true, mode: 0o700 });
    this.lastId = this.recoverLastId();
    this.serialCommitter = new GroupCommitter(() => writeFileAtomic(path.join(this.dir, "serial"), `${this.lastId}\n`));
  }

  /** The next job id; durable through the job file itself (and the serial file for archived ones). */
  allocateId(): number {
    this.lastId += 1;
    void this.serialCommitter.flush().catch(() => undefined);
    return this.lastId;
  }

  /** Writes the job; resolves when this version (or a later one) is written, and on disk if `durable`. */
  save(job: Job, durable = true): Promise<void> {
    let entry = this.committers.get(job.id);
    if (!entry) {
      const created: { job: Job; committer?: GroupCommitter } = { job };
      created.committer = new GroupCommitter((durable) => writeFileAtomic(this.fileOf(job.id), JSON.stringify(created.job), { durable }));
      entry = created as { job: Job; committer: GroupCommitter };
      this.committers.set(job.id, entry);
    }
    entry.job = job;
    return entry.committer.flush(durable);
  }

  /** A finished job is written for the last time: its writer can go (thousands of finished jobs add up). */
  forget(id: number): void {
    this.committers.delete(id);
  }

  /** Waits for every pending write. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.committers.values()].map((entry) => entry.committer.flush()));
  }

  loadQueue(): Job[] {
    const jobs: Job[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!JOB_FILE_RE.test(name)) continue;
      try {
        jobs.push(JSON.parse(fs.readFileSync(path.join(this.dir, name), "utf8")) as Job);
      } catch {
        // A job file is written atomically, so this is damage from outside; keep it for inspection.
        fs.renameSync(path.join(this.dir, name), path.join(this.dir, `${name}.unreadable`));
      }
    }
    return jobs.sort((a, b) => a.id - b.id);
  }

  readArchived(id: number): Job | null {
    try {
      return JSON.parse(fs.readFileSync(this.archiveFileOf(id), "utf8")) as Job;
    } catch {
      return null;
    }
  }

  async archive(job: Job): Promise<void> {
    await this.committers.get(job.id)?.committer.flush();
    this.committers.delete(job.id);
    const target = this.archiveFileOf(job.id);
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await fsp.rename(this.fileOf(job.id), target);
  }

  private fileOf(id: number): string {
    return path.join(this.dir, `job-${id}.json`);
  }

  private archiveFileOf(id: number): string {
    return path.join(this.dir, "archive", String(Math.floor(id / 10000)), `job-${id}.json`);
  }

  private recoverLastId(): number {
    let last = 0;
    try {
      last = Number(fs.readFileSync(path.join(this.dir, "serial"), "utf8").trim()) || 0;
    } catch {
      /* a new queue */
    }
    for (const name of fs.readdirSync(this.dir)) {
      const match = JOB_FILE_RE.exec(name);
      if (match) last = Math.max(last, Number(match[1]));
    }
    return last;
  }
}
