import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, type RapiHarness } from "../../testing/rapi-harness";
import { G_FIELDS } from "../bulk";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness();
});
afterAll(() => h.close());

describe("/2/groups", () => {
  it("adds (legacy key name), renames, modifies (custom_* aliases) and removes a group", async () => {
    const add = await h.write({ method: "POST", path: "/2/groups", body: { name: "rack2", alloc_policy: "last_resort" } });
    expect(await h.job(add.body)).toMatchObject({ status: "success", ops: [{ OP_ID: "OP_GROUP_ADD", group_name: "rack2" }] });
    expect((await h.call({ path: "/2/groups" })).body).toEqual([
      { name: "default", uri: "/2/groups/default" },
      { name: "rack2", uri: "/2/groups/rack2" },
    ]);
    const rename = await h.write({ method: "PUT", path: "/2/groups/rack2/rename", body: { new_name: "rack3" } });
    expect((await h.job(rename.body)).status).toBe("success");
    const modify = await h.write({ method: "PUT", path: "/2/groups/rack3/modify", body: { custom_ndparams: { spindle_count: 2 } } });
    expect((await h.job(modify.body)).status).toBe("success");
    const group = (await h.call({ path: "/2/groups/rack3" })).body;
    expect(Object.keys(group)).toEqual(G_FIELDS);
    expect(group).toMatchObject({ name: "rack3", alloc_policy: "last_resort", custom_ndparams: { spindle_count: 2 }, node_cnt: 0 });
    const remove = await h.write({ method: "DELETE", path: "/2/groups/rack3" });
    expect((await h.job(remove.body)).status).toBe("success");
    expect((await h.call({ path: "/2/groups/rack3" })).status).toBe(404);
  });
});
