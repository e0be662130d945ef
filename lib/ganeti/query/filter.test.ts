import { describe, expect, it } from "vitest";
import { compileFilter, filterFields } from "./filter";

const row = (values: Record<string, unknown>) => (name: string) => values[name];

describe("query filters", () => {
  const web = row({ name: "web1", status: "running", memory: 1024, tags: ["env:prod"] });
  const db = row({ name: "db1", status: "ADMIN_down", memory: 4096, tags: [] });

  it("evaluates Ganeti's operators", () => {
    const cases: Array<[unknown[], boolean, boolean]> = [
      [["==", "status", "running"], true, false],
      [["!=", "status", "running"], false, true],
      [[">", "memory", 2048], false, true],
      [["<=", "memory", 1024], true, false],
      [["=~", "name", "^web"], true, false],
      [["=[]", "tags", "env:prod"], true, false],
      [["?", "tags"], true, true],
      [["&", ["==", "status", "running"], [">", "memory", 512]], true, false],
      [["|", ["==", "name", "db1"], ["==", "name", "web1"]], true, true],
      [["!", ["==", "name", "db1"]], true, false],
    ];
    for (const [filter, onWeb, onDb] of cases) {
      const match = compileFilter(filter);
      expect([match(web), match(db)], JSON.stringify(filter)).toEqual([onWeb, onDb]);
    }
  });

  it("names the fields a filter needs", () => {
    expect(filterFields(["&", ["==", "status", "running"], ["!", ["=~", "pnode", "x"]]])).toEqual(["status", "pnode"]);
  });

  it("refuses unknown operators and bad regular expressions", () => {
    expect(() => compileFilter(["~~", "name", "x"])).toThrow("Unknown filter operator '~~'");
    expect(() => compileFilter(["=~", "name", "("])).toThrow(/Invalid regular expression/);
  });
});
