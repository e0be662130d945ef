import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobStatus, timestamp, type Job, type OpInput, type QueuedOpcode } from "./job";
import { JobQueue, type OpcodeRunner } from "./job-queue";
import { JobStore } from "./job-store";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-queue-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const op = (status: QueuedOpcode["status"], id = "OP_TEST_DELAY"): QueuedOpcode => ({
  input: { OP_ID: id, duration: 0 },
  status,
  result: null,
  log: [],
  priority: 0,
  start_timestamp: status === "queued" ? null : timestamp(),
  exec_timestamp: null,
  end_timestamp: status === "success" ? timestamp() : null,
});

function queue(run: OpcodeRunner = async (job, i) => void (job.ops[i]!.status = "success"), maxRunning = 5) {
  return new JobQueue(new JobStore(dir), { maxRunning, validate: (input: OpInput) => input as Record<string, unknown>, run });
}

async function waitFinal(q: JobQueue, id: number): Promise<Job> {
  for (;;) {
    const job = q.get(id)!;
    if (["success", "error", "canceled"].includes(jobStatus(job))) return job;
    await q.waitForChange(id, 200);
  }
}

describe("JobQueue", () => {
  it("writes a job to disk before returning its id, and runs it", async () => {
    const q = queue();
    const id = await q.submit([{ OP_ID: "OP_TEST_DELAY" }]);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `job-${id}.json`), "utf8")) as Job;
    expect(onDisk.id).toBe(id);
    expect(jobStatus(await waitFinal(q, id))).toBe("success");
    await q.stop();
  });

  it("resolves what an unclean stop left: running fails with a log line, waiting and queued run again", async () => {
    const store = new JobStore(dir);
    const jobs: Job[] = [
      { id: 1, ops: [op("success"), op("running"), op("queued")], received_timestamp: timestamp(), start_timestamp: timestamp(), end_timestamp: null },
      { id: 2, ops: [op("waiting")], received_timestamp: timestamp(), start_timestamp: timestamp(), end_timestamp: null },
      { id: 3, ops: [op("queued")], received_timestamp: timestamp(), start_timestamp: null, end_timestamp: null },
    ];
    for (const job of jobs) await store.save(job);

    const q = queue();
    const report = await q.recover();
    expect(report).toEqual(["job 1: error (was running when the master stopped)", "job 2: queued again", "job 3: queued again"]);
    const first = q.get(1)!;
    expect(first.ops.map((o) => o.status)).toEqual(["success", "error", "error"]);
    expect(first.ops[1]!.result).toEqual(["OpExecError", ["Unclean master daemon shutdown: the opcode was interrupted while running and may be partly done"]]);
    expect(first.ops[1]!.log.at(-1)![3]).toMatch(/marked as failed on restart/);
    expect(q.get(2)!.ops[0]!.log.at(-1)![3]).toMatch(/queued again on restart/);
    expect(jobStatus(await waitFinal(q, 2))).toBe("success");
    expect(jobStatus(await waitFinal(q, 3))).toBe("success");
    expect(await q.submit([{ OP_ID: "OP_TEST_DELAY" }])).toBe(4);
    await q.stop();
  });

  it("runs queued jobs by priority, then age", async () => {
    const order: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const q = queue(async (job, i) => {
      if (job.id === 1) await gate;
      order.push(job.id);
      job.ops[i]!.status = "success";
    }, 1);
    await q.submit([{ OP_ID: "OP_TEST_DELAY" }]);
    const low = await q.submit([{ OP_ID: "OP_TEST_DELAY", priority: 10 }]);
    const high = await q.submit([{ OP_ID: "OP_TEST_DELAY", priority: -10 }]);
    release();
    await waitFinal(q, low);
    expect(order).toEqual([1, high, low]);
    await q.stop();
  });

  it("cancels a queued job and refuses to cancel a running one", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const q = queue(async (job, i) => {
      job.ops[i]!.status = "running";
      await gate;
      job.ops[i]!.status = "success";
    }, 1);
    const running = await q.submit([{ OP_ID: "OP_TEST_DELAY" }]);
    const queued = await q.submit([{ OP_ID: "OP_TEST_DELAY" }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await q.cancel(running)).toEqual([false, `Job ${running} is already running, can't cancel it`]);
    expect(await q.cancel(queued)).toEqual([true, `Job ${queued} canceled`]);
    release();
    expect(jobStatus(await waitFinal(q, running))).toBe("success");
    expect(jobStatus(q.get(queued)!)).toBe("canceled");
    await q.stop();
  });

  it("archives finished jobs out of the queue but keeps them readable", async () => {
    const q = queue();
    const id = await q.submit([{ OP_ID: "OP_TEST_DELAY" }]);
    await waitFinal(q, id);
    expect(await q.archive([id])).toBe(1);
    expect(q.list()).toEqual([]);
    expect(q.get(id)?.id).toBe(id);
    expect(fs.existsSync(path.join(dir, "archive", "0", `job-${id}.json`))).toBe(true);
    await q.stop();
  });
});
