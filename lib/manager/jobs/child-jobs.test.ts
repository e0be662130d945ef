import { describe, expect, it } from "vitest";
import { childJobIds } from "./child-jobs";

describe("childJobIds", () => {
  it("reads the jobs an evacuation submitted, leaving out those it could not", () => {
    expect(childJobIds([{ jobs: [[true, 12], [false, "Instance x: no node"], [true, 13]] }])).toEqual([12, 13]);
  });

  it("finds none in other results", () => {
    expect(childJobIds([true, null, ["node2", "node3"], { jobs: "12" }])).toEqual([]);
    expect(childJobIds(undefined)).toEqual([]);
  });
});
