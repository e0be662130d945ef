import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.createInstance("t1.example.org", "diskless", "node1.example.org");
});
afterAll(() => h.close());

const tagged = async (method: string, path: string, body?: unknown) => {
  const answer = await h.write({ method, path, ...(body === undefined ? {} : { body }) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return h.job(answer.body);
};

describe("tags on every kind of object", () => {
  it.each([
    ["/2/tags", "cluster"],
    ["/2/nodes/node1.example.org/tags", "node"],
    ["/2/groups/default/tags", "nodegroup"],
    ["/2/instances/t1.example.org/tags", "instance"],
  ])("%s: adds with repeated ?tag=, lists, removes", async (path, kind) => {
    expect(await tagged("PUT", `${path}?tag=env:prod&tag=team:a`)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_TAGS_SET", kind, tags: ["env:prod", "team:a"] }] });
    expect((await h.call({ path })).body).toEqual(["env:prod", "team:a"]);
    expect(await tagged("DELETE", `${path}?tag=team:a`)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_TAGS_DEL" }] });
    expect((await h.call({ path })).body).toEqual(["env:prod"]);
  });

  it("also takes a JSON list of tags when no ?tag= is given, and refuses other bodies", async () => {
    expect(await tagged("PUT", "/2/instances/t1.example.org/tags", ["from:body"])).toMatchObject({ status: "success" });
    expect((await h.call({ path: "/2/instances/t1.example.org/tags" })).body).toContain("from:body");
    expect((await h.write({ method: "PUT", path: "/2/tags", body: { tags: ["x"] } })).status).toBe(400);
  });

  it("answers 404 for the tags of a missing object (Ganeti answers 500)", async () => {
    expect((await h.call({ path: "/2/instances/missing.example.org/tags" })).status).toBe(404);
  });
});
