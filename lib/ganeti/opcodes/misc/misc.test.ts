import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobStatus } from "../../jobs/job";
import { OS_DEFINITIONS } from "../../os/os-definitions";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

const tags = (kind: string, name: string | null, list: string[], op = "OP_TAGS_SET") => ({ OP_ID: op, kind, name, tags: list });

describe("OP_TAGS_SET / OP_TAGS_DEL / OP_TAGS_SEARCH", () => {
  it("adds, removes and searches tags on every kind of object", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    await runOk(h, tags("instance", "web1", ["env:prod", "role:web"]));
    await runOk(h, tags("node", "node2", ["rack:a1"]));
    await runOk(h, tags("nodegroup", "default", ["site:ams"]));
    await runOk(h, tags("cluster", null, ["env:prod"]));
    const config = h.master.config;
    expect(config.instance(config.expandName("instance", "web1"))!.tags).toEqual(["env:prod", "role:web"]);
    expect(config.cluster.tags).toEqual(["env:prod"]);

    const { result } = await runOk(h, { OP_ID: "OP_TAGS_SEARCH", pattern: "^env:" });
    expect(result).toEqual([
      ["/cluster", "env:prod"],
      ["/instances/web1.example.org", "env:prod"],
    ]);
    const all = await runOk(h, { OP_ID: "OP_TAGS_SEARCH", pattern: "." });
    expect((all.result as unknown[]).length).toBe(5);

    await runOk(h, tags("instance", "web1.example.org", ["env:prod"], "OP_TAGS_DEL"));
    expect(config.instance(config.expandName("instance", "web1"))!.tags).toEqual(["role:web"]);
    // Tags survive a master restart (they are in the configuration).
    await h.restart();
    expect(h.master.config.node(h.master.config.expandName("node", "node2"))!.tags).toEqual(["rack:a1"]);
  });

  it("refuses deleting missing tags, invalid tags and unknown objects", async () => {
    await runOk(h, tags("node", "node2", ["a"]));
    await expectRefused(h, tags("node", "node2", ["a", "x", "y"], "OP_TAGS_DEL"), "unknown_entity", /^Tag\(s\) 'x', 'y' not found$/);
    expect(h.master.config.node(h.master.config.expandName("node", "node2"))!.tags).toEqual(["a"]);
    await expectRefused(h, tags("instance", "nosuch", ["a"]), "unknown_entity", /Instance 'nosuch' not known/);
    await expectRefused(h, { OP_ID: "OP_TAGS_SEARCH", pattern: "(" }, "wrong_input", /Invalid search pattern '\('/);
    const bad = await h.run(tags("node", "node2", ["no spaces"]));
    expect(jobStatus(bad)).toBe("error");
    expect(bad.ops[0]!.result).toEqual(["TagError", ["Tag contains invalid characters: 'no spaces'", "wrong_input"]]);
  });
});

describe("OP_OS_DIAGNOSE", () => {
  it("reports each OS, valid when every vm_capable node has it", async () => {
    const { result } = await runOk(h, { OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "valid", "variants", "node_status"], names: [] });
    const noop = (result as Array<Record<string, unknown>>).find((os) => os.name === "noop");
    expect(noop).toMatchObject({
      valid: true,
      variants: [],
      nodes: { "node1.example.org": true, "node2.example.org": true, "node3.example.org": true },
    });
    expect((result as Array<{ name: string }>).map((os) => os.name)).toEqual(OS_DEFINITIONS.map((os) => os.definition.name).sort());
  });

  it("marks an OS invalid when a node lacks it, and skips offline nodes", async () => {
    const node3 = h.master.virtualNodes.get("node3.example.org")!;
    node3.osDiagnose = async () => OS_DEFINITIONS.filter((os) => os.definition.name !== "image").map((os) => ({ ...os.definition }));
    const { result } = await runOk(h, { OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "valid"], names: ["image"] });
    expect(result).toEqual([expect.objectContaining({ name: "image", valid: false, nodes: { "node1.example.org": true, "node2.example.org": true, "node3.example.org": false } })]);
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3", offline: true });
    const again = await runOk(h, { OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "valid"], names: ["image"] });
    expect(again.result).toEqual([expect.objectContaining({ name: "image", valid: true, nodes: { "node1.example.org": true, "node2.example.org": true } })]);
    await expectRefused(h, { OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name"], names: ["nosuch"] }, "unknown_entity", /OS 'nosuch' not found on any node/);
    await expectRefused(h, { OP_ID: "OP_OS_DIAGNOSE", output_fields: ["colour"], names: [] }, "wrong_input", /Unknown output fields selected: colour/);
  });
});
