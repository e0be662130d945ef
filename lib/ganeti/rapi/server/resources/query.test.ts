import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "../../testing/rapi-harness";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(1);
  await h.cluster.createInstance("a1.example.org", "diskless", "node2.example.org");
  await h.cluster.createInstance("b1.example.org", "diskless", "node1.example.org");
});
afterAll(() => h.close());

const reader = { user: "reader", password: USERS.reader };

describe("/2/query", () => {
  it("answers {data, fields} for GET ?fields= and PUT with a filter (qfilter, or the legacy filter)", async () => {
    const get = await h.call({ path: "/2/query/instance?fields=name,pnode,nosuchfield", auth: reader });
    expect(Object.keys(get.body)).toEqual(["data", "fields"]);
    expect(get.body.data).toEqual([
      [[0, "a1.example.org"], [0, "node2.example.org"], [1, null]],
      [[0, "b1.example.org"], [0, "node1.example.org"], [1, null]],
    ]);
    expect(get.body.fields[2]).toMatchObject({ name: "nosuchfield", kind: "unknown" });
    const put = await h.call({ method: "PUT", path: "/2/query/instance", body: { fields: ["name"], qfilter: ["=~", "name", "^b"] }, auth: reader });
    expect(put.body.data).toEqual([[[0, "b1.example.org"]]]);
    const legacy = await h.call({ method: "PUT", path: "/2/query/node?fields=name", body: { filter: ["=", "name", "node2.example.org"] }, auth: reader });
    expect(legacy.body.data).toEqual([[[0, "node2.example.org"]]]);
  });

  it("refuses a missing field list, bad filters, unknown resources and unknown body keys with 400", async () => {
    expect((await h.call({ path: "/2/query/instance", auth: reader })).body.message).toBe("Missing &#x27;fields&#x27; query argument");
    const put = (body: unknown, what = "instance") => h.call({ method: "PUT", path: `/2/query/${what}`, body, auth: reader });
    expect((await put({ fields: ["name"], qfilter: ["~~", "name", "x"] })).status).toBe(400);
    expect((await put({ fields: ["name"], qfilter: "name" })).status).toBe(400);
    expect((await put({ fields: ["name"], qfilter: ["=~", "name", "("] })).status).toBe(400);
    expect((await put({ fields: "name" })).status).toBe(400);
    expect((await put({ fields: ["name"], sort: true })).status).toBe(400);
    expect((await put({ fields: ["name"] }, "spaceships")).status).toBe(400);
  });

  it("lists field definitions anonymously (/fields)", async () => {
    const all = (await h.call({ path: "/2/query/node/fields" })).body.fields as Array<{ name: string }>;
    expect(all.map((f) => f.name)).toContain("mfree");
    expect((await h.call({ path: "/2/query/node/fields?fields=name,mfree" })).body.fields.map((f: { name: string }) => f.name)).toEqual(["name", "mfree"]);
  });
});
