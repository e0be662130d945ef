import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";
import { N_FIELDS } from "../bulk";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(2);
});
afterAll(() => h.close());

describe("/2/nodes", () => {
  it("lists stubs keyed by id and bulk nodes with Ganeti's fields in order; one node adds secondary_ip", async () => {
    expect((await h.call({ path: "/2/nodes" })).body.map((n: { id: string }) => n.id)).toEqual(["node1.example.org", "node2.example.org", "node3.example.org"]);
    const bulk = (await h.call({ path: "/2/nodes?bulk=1" })).body;
    expect(Object.keys(bulk[0])).toEqual(N_FIELDS);
    expect(bulk[0]).toMatchObject({ name: "node1.example.org", role: "M", mtotal: 16384, offline: false });
    const one = (await h.call({ path: "/2/nodes/node2.example.org" })).body;
    expect(Object.keys(one)).toEqual([...N_FIELDS, "secondary_ip"]);
    expect(one.secondary_ip).toBe(one.sip);
    expect((await h.call({ path: "/2/nodes/node9.example.org" })).status).toBe(404);
  });

  it("reads and sets roles; master cannot be set and the body must be a role string", async () => {
    expect((await h.call({ path: "/2/nodes/node2.example.org/role" })).body).toBe("master-candidate");
    const set = (body: unknown, query = "") => h.write({ method: "PUT", path: `/2/nodes/node3.example.org/role${query}`, body });
    expect((await set("master")).body.message).toBe("Can&#x27;t set &#x27;master&#x27; role");
    expect((await set({ role: "drained" })).body.message).toBe("Body contents: Type is &#x27;dict&#x27;, but &#x27;str&#x27; is expected");
    const job = await h.job((await set("drained", "?force=1")).body);
    expect(job).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_NODE_SET_PARAMS", drained: true, force: true }] });
    expect((await h.call({ path: "/2/nodes/node3.example.org/role" })).body).toBe("drained");
    expect((await h.job((await set("regular")).body)).ops[0]).toMatchObject({ master_candidate: false, drained: false, offline: false });
    // Leaving the drained role, the node rejoins the candidate pool, which is not full (Ganeti's self-promotion).
    expect((await h.call({ path: "/2/nodes/node3.example.org/role" })).body).toBe("master-candidate");
    expect((await h.call({ path: "/2/nodes/node9.example.org/role" })).status).toBe(404);
  });

  it("modifies with POST (not PUT), and queries storage as a job that needs write access", async () => {
    expect((await h.write({ method: "PUT", path: "/2/nodes/node3.example.org/modify", body: {} })).status).toBe(501);
    const modify = await h.write({ method: "POST", path: "/2/nodes/node3.example.org/modify", body: { master_capable: false } });
    expect((await h.job(modify.body)).status).toBe("success");
    expect((await h.call({ path: "/2/nodes/node1.example.org/storage?storage_type=file&output_fields=name,size,free" })).status).toBe(401);
    expect((await h.write({ path: "/2/nodes/node1.example.org/storage?storage_type=file" })).body.message).toBe("Missing the required &#x27;output_fields&#x27; parameter");
    const storage = await h.write({ path: "/2/nodes/node1.example.org/storage?storage_type=file&output_fields=name,size,free" });
    expect(await h.job(storage.body)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_NODE_QUERY_STORAGE", nodes: ["node1.example.org"] }] });
  });
});
