import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
  await runOk(h, { OP_ID: "OP_GROUP_ADD", group_name: "rack2" });
});
afterEach(() => h.close());

const config = () => h.master.config;
const groupOf = (node: string) => config().group(config().node(config().expandName("node", node))!.group)!.name;
const group = (name: string) => config().group(config().expandName("nodegroup", name))!;

describe("OP_GROUP_ASSIGN_NODES", () => {
  it("moves nodes into a group", async () => {
    await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node3", "node4"] });
    expect([groupOf("node2"), groupOf("node3"), groupOf("node4")]).toEqual(["default", "rack2", "rack2"]);
  });

  it("refuses to split a DRBD instance between groups unless forced", async () => {
    await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
    await expectRefused(
      h,
      { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node3"] },
      "wrong_state",
      /The following instances get split by this change and --force was not given: web1.example.org/,
    );
    expect(groupOf("node3")).toBe("default");
    const { log } = await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node3"], force: true });
    expect(log).toContain("- WARNING: This operation will split the following instances: web1.example.org");
    // Moving the other node too joins the instance again: no force needed.
    await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node2"] });
    expect(groupOf("node2")).toBe("rack2");
  });

  it("refuses unknown groups and nodes", async () => {
    await expectRefused(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "nosuch", nodes: ["node2"] }, "unknown_entity", /Group 'nosuch' not known/);
    await expectRefused(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node9"] }, "unknown_entity", /Node 'node9' not known/);
  });
});

describe("OP_GROUP_REMOVE and OP_GROUP_RENAME", () => {
  it("removes only empty groups", async () => {
    await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "rack2", nodes: ["node4"] });
    await expectRefused(h, { OP_ID: "OP_GROUP_REMOVE", group_name: "rack2" }, "wrong_state", /Group 'rack2' not empty, has the following nodes: node4.example.org/);
    await runOk(h, { OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: "default", nodes: ["node4"] });
    await runOk(h, { OP_ID: "OP_GROUP_REMOVE", group_name: "rack2" });
    expect(config().groups().map((g) => g.name)).toEqual(["default"]);
    await expectRefused(h, { OP_ID: "OP_GROUP_REMOVE", group_name: "rack2" }, "unknown_entity", /Group 'rack2' not known/);
  });

  it("renames a group, refusing a clash", async () => {
    const { result } = await runOk(h, { OP_ID: "OP_GROUP_RENAME", group_name: "rack2", new_name: "rack-b" });
    expect(result).toBe("rack-b");
    expect(config().lookupName("nodegroup", "rack2")).toBeUndefined();
    await expectRefused(h, { OP_ID: "OP_GROUP_RENAME", group_name: "rack-b", new_name: "default" }, "already_exists", /Desired new name 'default' clashes with existing node group default/);
  });
});

describe("OP_GROUP_SET_PARAMS", () => {
  it("changes the allocation policy and node, disk and policy parameters", async () => {
    const { result } = await runOk(h, {
      OP_ID: "OP_GROUP_SET_PARAMS",
      group_name: "rack2",
      alloc_policy: "last_resort",
      ndparams: { spindle_count: 4 },
      diskparams: { drbd: { "resync-rate": 1024 } },
      ipolicy: { "vcpu-ratio": 2 },
    });
    expect(result).toEqual([
      ["ndparams", "{'spindle_count': 4}"],
      ["diskparams", "{'drbd': {'resync-rate': 1024}}"],
    ]);
    expect(group("rack2")).toMatchObject({ alloc_policy: "last_resort", ndparams: { spindle_count: 4 }, ipolicy: { "vcpu-ratio": 2 } });
    await runOk(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "rack2", ipolicy: { "vcpu-ratio": "default" } });
    expect(group("rack2").ipolicy).toEqual({});
  });

  it("warns about instances the new policy excludes, and refuses bad policies", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org", { beparams: { memory: 512 } });
    const minmax = [{ min: { "memory-size": 1024, "cpu-count": 1, "disk-size": 1024, "disk-count": 1, "nic-count": 1, "spindle-use": 1 }, max: { "memory-size": 4096, "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8, "spindle-use": 12 } }];
    const { log } = await runOk(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default", ipolicy: { minmax } });
    expect(log).toContain("- WARNING: After the ipolicy change the following instances violate them: web1.example.org");
    await expectRefused(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default", ipolicy: { std: { "memory-size": 256 } } }, "wrong_input", /std cannot appear in group instance specs/);
    await expectRefused(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default", ipolicy: { minmax: [{ min: { "memory-size": 128 }, max: minmax[0]!.max }] } }, "wrong_input", /Missing instance specs parameters for min: cpu-count/);
    const inverted = [{ min: minmax[0]!.max, max: minmax[0]!.min }];
    await expectRefused(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default", ipolicy: { minmax: inverted } }, "wrong_input", /Invalid specification of min\/max values for memory-size: 4096\/1024/);
    await expectRefused(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default", ndparams: { colour: "red" } }, "wrong_input", /Unknown node parameter 'colour'/);
    await expectRefused(h, { OP_ID: "OP_GROUP_SET_PARAMS", group_name: "default" }, "wrong_input", /Please pass at least one modification/);
  });
});
