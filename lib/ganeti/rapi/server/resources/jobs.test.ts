import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";
import { J_FIELDS, J_FIELDS_BULK } from "../bulk";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness({ waitTimeoutSeconds: 0.3 });
});
afterAll(() => h.close());

const delay = (seconds: number) => h.cluster.master.submit([{ OP_ID: "OP_TEST_DELAY", duration: seconds }], "test");

describe("/2/jobs", () => {
  it("lists stubs by numeric id, bulk jobs, and one job with Ganeti's keys in order", async () => {
    const ids = [];
    for (let i = 0; i < 11; i++) ids.push(await h.cluster.master.submit([{ OP_ID: "OP_TEST_DELAY", duration: 0 }], "test"));
    for (const id of ids) await h.cluster.master.waitForJob(id);
    const stubs = (await h.call({ path: "/2/jobs" })).body as Array<{ id: number; uri: string }>;
    expect(stubs.map((s) => s.id)).toEqual([...ids].sort((a, b) => a - b));
    expect(stubs[0]).toEqual({ id: ids[0], uri: `/2/jobs/${ids[0]}` });
    const bulk = (await h.call({ path: "/2/jobs?bulk=1" })).body;
    expect(Object.keys(bulk[0])).toEqual(J_FIELDS_BULK);
    const job = (await h.call({ path: `/2/jobs/${ids[0]}` })).body;
    expect(Object.keys(job)).toEqual(J_FIELDS);
    expect(job).toMatchObject({ id: ids[0], status: "success", summary: [expect.stringMatching(/^TEST_DELAY/)] });
    expect((await h.call({ path: "/2/jobs/999999" })).status).toBe(404);
  });

  it("cancels a job that has not started, and says why it cannot cancel one that has", async () => {
    const blocker = await delay(5);
    const queued = await h.cluster.master.submit([{ OP_ID: "OP_TEST_DELAY", duration: 0, on_master: true }], "test");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancel = await h.write({ method: "DELETE", path: `/2/jobs/${queued}` });
    expect(cancel.status).toBe(200);
    expect(Array.isArray(cancel.body) && typeof cancel.body[0] === "boolean" && typeof cancel.body[1] === "string").toBe(true);
    expect((await h.write({ method: "DELETE", path: `/2/jobs/${blocker}` })).body).toEqual([false, expect.stringMatching(/already running|can't cancel/)]);
    expect((await h.call({ method: "DELETE", path: `/2/jobs/${queued}` })).status).toBe(401);
  });

  it("long-polls /wait: the change, or null when nothing changed in time; 404 for an unknown job", async () => {
    const id = await delay(1);
    const first = await h.write({ path: `/2/jobs/${id}/wait`, body: { fields: ["status"], previous_job_info: null, previous_log_serial: null } });
    expect(first.status).toBe(200);
    expect(first.body.job_info).toHaveLength(1);
    const started = Date.now();
    const none = await h.write({ path: `/2/jobs/${id}/wait`, body: { fields: ["status"], previous_job_info: ["running"], previous_log_serial: 1000 } });
    expect(none.body).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await h.write({ path: "/2/jobs/424242/wait", body: { fields: ["status"] } })).status).toBe(404);
    expect((await h.call({ path: `/2/jobs/${id}/wait`, body: { fields: ["status"] } })).status).toBe(401);
  });

  it("refuses /wait bodies of the wrong shape with 400", async () => {
    const wait = (body: unknown) => h.write({ path: "/2/jobs/1/wait", ...(body === undefined ? {} : { body }) });
    expect((await wait(undefined)).body.message).toMatch(/Type is &#x27;NoneType&#x27;, but &#x27;dict&#x27; is expected/);
    expect((await wait({})).body.message).toBe("Required parameter &#x27;fields&#x27; is missing");
    expect((await wait({ fields: "status" })).body.message).toMatch(/fields/);
    expect((await wait({ fields: ["status"], previous_job_info: "x" })).status).toBe(400);
    expect((await wait({ fields: ["status"], previous_log_serial: "3" })).status).toBe(400);
    expect((await wait({ fields: ["status"], colour: 1 })).body.message).toMatch(/unknown parameter/);
  });
});
