import { describe, expect, it } from "vitest";
import { niceSort, niceSortBy, niceSortKey } from "./nice-sort";

/** Ganeti's Haskell definition, literally: keys are lists of Left Integer | Right String, compared element-wise. */
function haskellCompare(a: string, b: string): number {
  const split = (s: string) => (s.match(/[0-9]+|[^0-9]+/g) ?? []).map((run) => (/^[0-9]/.test(run) ? BigInt(run) : run));
  const ka = split(a);
  const kb = split(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (typeof x !== typeof y) return typeof x === "bigint" ? -1 : 1; // Left < Right
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return ka.length - kb.length;
}

describe("niceSort", () => {
  it("orders digit runs as numbers, as Ganeti's documentation shows", () => {
    expect(niceSort(["a1", "a10", "a11", "a2"])).toEqual(["a1", "a2", "a10", "a11"]);
    expect(niceSort(["node10.example.org", "node2.example.org", "node1.example.org"])).toEqual([
      "node1.example.org",
      "node2.example.org",
      "node10.example.org",
    ]);
    expect(niceSort(["fill-100", "fill-9", "fill-10", "fill-0"])).toEqual(["fill-0", "fill-9", "fill-10", "fill-100"]);
  });

  it("puts a number before a string at the same position, a shorter key first, and compares strings by code point", () => {
    expect(niceSort(["ab", "1a", "a"])).toEqual(["1a", "a", "ab"]);
    expect(niceSort(["web.1", "web-1", "web1", "Web1"])).toEqual(["Web1", "web1", "web-1", "web.1"]);
    expect(niceSort(["a", "a1", "a-"])).toEqual(["a", "a1", "a-"]);
  });

  it("treats leading zeros as the same number and keeps equal keys in their order", () => {
    expect(niceSortKey("x007")).toBe(niceSortKey("x7"));
    const items = [{ id: 1, name: "x007" }, { id: 2, name: "x7" }, { id: 3, name: "x06" }];
    expect(niceSortBy(items, (i) => i.name).map((i) => i.id)).toEqual([3, 1, 2]);
  });

  it("agrees with Ganeti's definition on random names", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "ab-.0123456789Z";
    const names = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""),
    );
    const expected = [...names].sort(haskellCompare);
    expect(niceSort(names).map(niceSortKey)).toEqual(expected.map(niceSortKey));
    for (let i = 1; i < expected.length; i++) expect(haskellCompare(expected[i - 1]!, expected[i]!)).toBeLessThanOrEqual(0);
  });
});
