import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
});
afterAll(() => h.close());

describe("cluster resources", () => {
  it("answers /, /2, /version, /2/features and /2/info with Ganeti's aliases", async () => {
    expect((await h.call({ path: "/" })).body).toBeNull();
    expect((await h.call({ path: "/2" })).body).toBeNull();
    expect((await h.call({ path: "/version" })).body).toBe(2);
    expect((await h.call({ path: "/2/features" })).body).toHaveLength(4);
    const info = (await h.call({ path: "/2/info" })).body;
    expect(info).toMatchObject({ name: "cluster.example.org", master: "node1.example.org", vg_name: info.volume_group_name, drbd_helper: info.drbd_usermode_helper });
    expect(Object.keys(info).slice(0, 3)).toEqual(["software_version", "protocol_version", "config_version"]);
  });

  it("lists operating systems through an OS diagnose job, names or bulk", async () => {
    expect((await h.call({ path: "/2/os" })).body).toEqual(["image", "noop"]);
    const bulk = (await h.call({ path: "/2/os?bulk=1" })).body;
    expect(bulk[0]).toMatchObject({ name: "image", valid: true, parameters: [{ name: "image", description: expect.any(String) }] });
  });

  it("modifies the cluster as a job, but never its compression tools (403, as Ganeti)", async () => {
    const modify = await h.write({ method: "PUT", path: "/2/modify", body: { candidate_pool_size: 5 } });
    expect(await h.job(modify.body)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_CLUSTER_SET_PARAMS" }] });
    expect((await h.call({ path: "/2/info" })).body.candidate_pool_size).toBe(5);
    expect((await h.write({ method: "PUT", path: "/2/modify", body: { compression_tools: ["gzip"] } })).status).toBe(403);
    const redist = await h.write({ method: "PUT", path: "/2/redistribute-config" });
    expect((await h.job(redist.body)).status).toBe("success");
  });

  it("answers empty lists for networks and filters, and 501 for creating them", async () => {
    expect((await h.call({ path: "/2/networks" })).body).toEqual([]);
    expect((await h.call({ path: "/2/filters?bulk=1" })).body).toEqual([]);
    expect((await h.call({ path: "/2/networks/n1" })).status).toBe(404);
    expect((await h.write({ method: "POST", path: "/2/networks", body: {} })).status).toBe(501);
  });
});
