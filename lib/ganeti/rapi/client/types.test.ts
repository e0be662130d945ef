// The answer schemas against what real Ganeti servers sent: the responses recorded from Ganeti 3.0.2
// (lib/ganeti/rapi/testing/fixtures) and the older ones in Ganeti's own htools test data (testdata/).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { RapiResponseError } from "./errors";
import {
  ClusterInfoSchema,
  expectShape,
  GroupSchema,
  InstanceSchema,
  JobChangeSchema,
  JobIdSchema,
  JobSchema,
  JobStubSchema,
  NodeSchema,
  QueryResultSchema,
  StubSchema,
} from "./types";

const RECORDED = path.join(import.meta.dirname, "../testing/fixtures");
const UPSTREAM = path.join(import.meta.dirname, "testdata");
const load = (dir: string, name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const body = (name: string) => load(RECORDED, name).response_body;

describe("answers recorded from Ganeti 3.0.2 parse", () => {
  const cases: Array<[string, z.ZodType]> = [
    ["2_info.json", ClusterInfoSchema],
    ["2_nodes.json", z.array(StubSchema)],
    ["2_nodes_bulk_1.json", z.array(NodeSchema)],
    ["2_nodes_node1.gnt.test.json", NodeSchema],
    ["2_groups_bulk_1.json", z.array(GroupSchema)],
    ["2_instances.json", z.array(StubSchema)],
    ["2_instances_bulk_1.json", z.array(InstanceSchema)],
    ["2_instances_inst1.gnt.test.json", InstanceSchema],
    ["2_jobs.json", z.array(JobStubSchema)],
    ["2_jobs_bulk_1.json", z.array(JobSchema)],
    ["2_jobs_9.json", JobSchema],
    ["2_jobs_35_wait.json", JobChangeSchema],
  ];
  it.each(cases)("%s", (name, schema) => {
    expect(() => expectShape(schema, load(RECORDED, name), name)).not.toThrow();
  });

  it("job ids, query answers and failed jobs from the recorded writes", () => {
    expect(expectShape(JobIdSchema, body("writes/01-create-inst4.json"), "create")).toBe(27);
    expect(expectShape(JobSchema, body("writes/02-job-27-create-inst4.json"), "job").opresult).toEqual([["node1.gnt.test"]]);
    expect(expectShape(QueryResultSchema, body("writes/26-query-node-put.json"), "query").data[0]![0]).toEqual([0, "node1.gnt.test"]);
    expect(expectShape(JobSchema, body("writes-failed-ipolicy/02-job-17-create-inst4.json"), "job").status).toBe("error");
  });

  it("refuses query answers whose rows are not [status, value] cells", () => {
    const good = body("writes/26-query-node-put.json") as { fields: unknown[]; data: unknown[][] };
    for (const data of [[["node1"]], [[[0]]], [[["0", "x"]]], [[[0.5, "x"]]], "rows", [null]]) {
      expect(() => expectShape(QueryResultSchema, { ...good, data }, "PUT /2/query/node"), JSON.stringify(data)).toThrow(/\$\.data: expected rows of \[status, value\] cells/);
    }
  });

  it("takes old servers' job ids given as strings", () => {
    expect(expectShape(JobIdSchema, "1234", "old")).toBe(1234);
    expect(() => expectShape(JobIdSchema, "12a", "old")).toThrow(RapiResponseError);
  });
});

describe("answers from Ganeti's htools test data parse", () => {
  it.each([
    ["info.json", ClusterInfoSchema],
    ["nodes.json", z.array(NodeSchema)],
    ["groups.json", z.array(GroupSchema)],
    ["instances.json", z.array(InstanceSchema)],
  ] as Array<[string, z.ZodType]>)("%s", (name, schema) => {
    expect(() => expectShape(schema, load(UPSTREAM, name), name)).not.toThrow();
  });
});

describe("a wrong shape", () => {
  it("names the request, the field and the problem", () => {
    const node = { ...load(RECORDED, "2_nodes_node1.gnt.test.json"), role: "X", "group.uuid": 7 };
    expect(() => expectShape(NodeSchema, node, "GET https://h:5080/2/nodes/n1")).toThrow(
      /^GET https:\/\/h:5080\/2\/nodes\/n1: the answer is not what a Ganeti RAPI v2 server sends: \$\.role: .*; \$\["group\.uuid"\]: .*expected string.*; is this URL a Ganeti RAPI endpoint\?$/,
    );
  });
});
