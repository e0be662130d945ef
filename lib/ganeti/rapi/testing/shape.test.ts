import { describe, expect, it } from "vitest";
import { shapeDiff, unexplained } from "./shape";

describe("shapeDiff", () => {
  it("reports missing and extra keys, type changes and order, not values", () => {
    const expected = { a: 1, b: "x", c: [{ d: null }], e: { f: true } };
    const actual = { b: "y", a: 2, c: [{ d: 3 }, { d: null }], e: { f: true, g: 1 }, h: [] };
    expect(shapeDiff(expected, actual, "$", { ordered: (p) => p === "$" })).toEqual([
      "$.h: extra",
      "$: keys in another order (b,a,c,e)",
      "$.c[*].d: number instead of null",
      "$.e.g: extra",
    ]);
    expect(shapeDiff([1, 2], [3])).toEqual([]);
    expect(shapeDiff([], [{ a: 1 }])).toEqual([]);
  });

  it("filters the documented differences", () => {
    expect(unexplained(["$.a: extra", "$.b: missing"], [{ path: /^\$\.a: extra$/, why: "test" }])).toEqual(["$.b: missing"]);
  });
});
