import { describe, expect, it } from "vitest";
import { checkQueryFilter } from "./query-filter";

describe("the shape of a /2/query filter", () => {
  it("takes every form Ganeti's qlang has", () => {
    for (const filter of [
      null,
      ["|"],
      ["&", ["==", "name", "web1"], ["!", ["?", "offline"]]],
      ["|", ["=", "name", "a"], ["!=", "name", "b"], ["<", "mfree", 1024], [">=", "pinst_cnt", 0]],
      ["=~", "name", "^web"],
      ["=[]", "tags", "prod"],
      ["bogus-op", "name", "x"], // unknown operators are the query engine's to name
    ]) {
      expect(() => checkQueryFilter(filter), JSON.stringify(filter)).not.toThrow();
    }
  });

  it("says where a malformed filter is wrong", () => {
    const message = (filter: unknown) => {
      try {
        checkQueryFilter(filter);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(message(["&", ["=", "name", "a"], 5])).toBe("Invalid query filter at qfilter[2]: expected [operator, operands…], got 5");
    expect(message(["!", ["?", "a"], ["?", "b"]])).toBe("Invalid query filter at qfilter: '!' takes exactly one filter, got 2 operands");
    expect(message(["?", 5])).toBe("Invalid query filter at qfilter: '?' takes exactly one field name, got [5]");
    expect(message(["=", "name"])).toBe('Invalid query filter at qfilter: \'=\' takes a field name and a value, got ["name"]');
    expect(message(["<", "mfree", 1.5])).toBe("Invalid query filter at qfilter: the value compared with '<' must be a string or an integer, got 1.5");
    expect(message(["=~", "name", 5])).toBe("Invalid query filter at qfilter: the value compared with '=~' must be a regular expression (a string), got 5");
  });
});
