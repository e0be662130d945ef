import { describe, expect, it } from "vitest";
import type { RapiBackend } from "./backend";
import { fillOpcode } from "./opcode-body";
import type { RapiRequest } from "./request";

const request = (query = ""): RapiRequest => ({
  method: "PUT",
  path: "/x",
  items: [],
  query: new URLSearchParams(query),
  body: null,
  user: null,
  backend: {} as RapiBackend,
  resourceName: "instances_name_modify",
  waitTimeoutSeconds: 10,
  jobId: null,
});

describe("filling an opcode from a RAPI body (Ganeti's FillOpcode)", () => {
  it("renames legacy keys, adds the static values and RAPI's reason trail", () => {
    const op = fillOpcode(request("reason=maintenance"), "OP_INSTANCE_CREATE", { name: "web1", os: "noop", beparams: {} }, {
      rename: { name: "instance_name", os: "os_type" },
      statics: { dry_run: true },
    });
    expect(op).toMatchObject({ OP_ID: "OP_INSTANCE_CREATE", instance_name: "web1", os_type: "noop", beparams: {}, dry_run: true });
    expect(op).not.toHaveProperty("name");
    const reason = op.reason as Array<[string, string, number]>;
    expect(reason.map(([source, text]) => [source, text])).toEqual([["gnt:user", "maintenance"], ["gnt:library:rlib2:instances_name_modify", ""]]);
    expect(reason[0]![2]).toBeGreaterThan(1.6e18);
  });

  it("refuses a key given under both names, static values and OP_ID in the body, and bodies that are not objects", () => {
    const req = request();
    expect(() => fillOpcode(req, "OP_X", { name: "a", instance_name: "b" }, { rename: { name: "instance_name" } })).toThrow(
      "Parameter 'name' was renamed to 'instance_name', but both are specified",
    );
    expect(() => fillOpcode(req, "OP_X", { instance_name: "other" }, { statics: { instance_name: "web1" } })).toThrow("Can't overwrite static parameters 'instance_name'");
    expect(() => fillOpcode(req, "OP_INSTANCE_SHUTDOWN", { OP_ID: "OP_CLUSTER_DESTROY" })).toThrow("Can't overwrite static parameters 'OP_ID'");
    expect(() => fillOpcode(req, "OP_X", { reason: [] })).toThrow("Can't overwrite static parameters 'reason'");
    expect(() => fillOpcode(req, "OP_X", [1, 2])).toThrow("Body contents: Type is 'list', but 'dict' is expected");
    expect(() => fillOpcode(req, "OP_X", "text")).toThrow("Body contents: Type is 'str', but 'dict' is expected");
    expect(fillOpcode(req, "OP_X", null)).toMatchObject({ OP_ID: "OP_X" });
  });

  it("accepts job ids in depends as numbers or numeric strings", () => {
    const op = fillOpcode(request(), "OP_X", { depends: [["12", ["success"]], [-1, []]] });
    expect(op.depends).toEqual([[12, ["success"]], [-1, []]]);
  });
});
