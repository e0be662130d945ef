// waitForJob against Gantry's real RAPI server: the long poll (write users), the polling fallback (read-only users, for
// whom Ganeti's /wait is forbidden), the job log, the overall timeout, and failed or canceled jobs as typed errors —
// including the failure recorded from a real Ganeti 3.0.2 job.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "../testing/rapi-harness";
import { RapiClient } from "./client";
import { RapiForbiddenError, RapiJobFailedError, RapiTimeoutError } from "./errors";
import { jobFailure } from "./jobs";
import { expectShape, JobSchema, type LogEntry } from "./types";

let h: RapiHarness;
let admin: RapiClient;
let reader: RapiClient;

beforeAll(async () => {
  h = await createRapiHarness();
  admin = new RapiClient({ url: h.rapi.url, username: "admin", password: USERS.admin });
  reader = new RapiClient({ url: h.rapi.url, username: "reader", password: USERS.reader });
});
afterAll(async () => {
  admin?.close();
  reader?.close();
  await h?.close();
});

/** A job that sleeps `seconds` (repeat + 1) times, logging each iteration; with a node lock when `locked`. */
const delay = (seconds: number, repeat = 0, locked = false) =>
  h.cluster.master.submit(
    [{ OP_ID: "OP_TEST_DELAY", duration: seconds, repeat, ...(locked ? { on_nodes: ["node1.example.org"], no_locks: false } : {}) }],
    "test",
  );

describe("waitForJob", () => {
  it("long-polls a running job to its end and hands over each log entry once, in order", async () => {
    const log: LogEntry[] = [];
    const id = await delay(0.2, 2);
    const job = await admin.waitForJob(id, { onLog: (e) => log.push(e) });
    expect(job.status).toBe("success");
    expect(log.map((e) => e[3])).toEqual(["Test delay iteration 0/2", "Test delay iteration 1/2", "Test delay iteration 2/2"]);
  });

  it("falls back to polling for a read-only user, whom /wait refuses", async () => {
    const id = await delay(0.2, 2);
    await expect(reader.waitForJobChange(id, ["status"], null, null)).rejects.toBeInstanceOf(RapiForbiddenError);
    const log: LogEntry[] = [];
    const job = await reader.waitForJob(id, { onLog: (e) => log.push(e) });
    expect(job.status).toBe("success");
    expect(log.map((e) => e[3])).toEqual(["Test delay iteration 0/2", "Test delay iteration 1/2", "Test delay iteration 2/2"]);
  });

  it("gives up after timeoutMs with a RapiTimeoutError saying the job keeps running", async () => {
    const id = await delay(2);
    for (const client of [admin, reader]) {
      const error = await client.waitForJob(id, { timeoutMs: 150 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RapiTimeoutError);
      expect((error as Error).message).toBe(
        `Job ${id} did not finish within 150 ms; it keeps running on the cluster: follow it with getJobStatus(${id}) or wait longer`,
      );
    }
    expect((await admin.waitForJob(id)).status).toBe("success");
  });

  it("throws RapiJobFailedError for a canceled job", async () => {
    const blocker = await delay(2, 0, true); // holds the node lock, so the next job waits and can be canceled
    const waiting = await delay(0, 0, true);
    expect((await h.write({ method: "DELETE", path: `/2/jobs/${waiting}` })).body[0]).toBe(true);
    const error = (await admin.waitForJob(waiting).catch((e: unknown) => e)) as RapiJobFailedError;
    expect(error).toBeInstanceOf(RapiJobFailedError);
    expect(error).toMatchObject({ jobId: waiting, status: "canceled" });
    expect(error.message).toBe(`Job ${waiting} (TEST_DELAY(0)) was canceled`);
    await admin.waitForJob(blocker);
  });
});

describe("jobFailure", () => {
  it("decodes the failure of a job recorded on a real Ganeti 3.0.2 cluster", () => {
    const file = path.join(import.meta.dirname, "../testing/fixtures/writes-failed-ipolicy/02-job-17-create-inst4.json");
    const recorded = JSON.parse(fs.readFileSync(file, "utf8")).response_body;
    const error = jobFailure(expectShape(JobSchema, recorded, "fixture"));
    expect(error).toMatchObject({ jobId: 17, status: "error", errorClass: "OpPrereqError", errorCode: "wrong_input" });
    expect(error.opMessage).toMatch(/^Instance allocation to group .* violates policy: memory-size value 64 is not in range \[128, 32768\]/);
    expect(error.message).toBe(`Job 17 (INSTANCE_CREATE(inst4.gnt.test)) failed: OpPrereqError: ${error.opMessage} (wrong_input)`);
  });
});
