import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2, { disk: 100 * 1024 });
});
afterEach(() => h.close());

const FIELDS = ["node", "name", "size", "used", "free", "allocatable"];

describe("OP_NODE_QUERY_STORAGE", () => {
  it("lists each node's volume group with what its disks use", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    const { result } = await runOk(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: FIELDS, storage_type: "lvm-vg", nodes: [] });
    expect(result).toEqual([
      ["node1.example.org", "xenvg", 512000, 0, 512000, true],
      ["node2.example.org", "xenvg", 102400, 1024, 101376, true],
      ["node3.example.org", "xenvg", 102400, 0, 102400, true],
    ]);
  });

  it("names file storage by the cluster's directory and honours the field order and node list", async () => {
    const { result } = await runOk(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: ["free", "name", "type"], storage_type: "file", nodes: ["node3"] });
    expect(result).toEqual([[102400, "/srv/ganeti/file-storage", "file"]]);
  });

  it("skips offline nodes and refuses unknown fields and storage types", async () => {
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3", offline: true });
    const { result } = await runOk(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: ["node"], storage_type: "lvm-vg" });
    expect(result).toEqual([["node1.example.org"], ["node2.example.org"]]);
    await expectRefused(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: ["node", "colour"] }, "wrong_input", /Unknown output fields selected: colour/);
    await expectRefused(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: ["node"], storage_type: "rados" }, "wrong_input", /Unknown storage type 'rados'/);
    await expectRefused(h, { OP_ID: "OP_NODE_QUERY_STORAGE", output_fields: ["node"], nodes: ["node7"] }, "unknown_entity", /Node 'node7' not known/);
  });
});
