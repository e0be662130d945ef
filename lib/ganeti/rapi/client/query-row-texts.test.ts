import { describe, expect, it } from "vitest";
import { RapiResponseError } from "./errors";
import { parseQueryRow, splitQueryAnswer } from "./query-row-texts";

const FIELDS = [
  { name: "name", title: "Instance", kind: "text", doc: "Instance name" },
  { name: "tags", title: "Tags", kind: "other", doc: "Tags" },
];
const DATA = [
  [[0, "web1.example.org"], [0, ["a", "b"]]],
  [[0, 'quote " and ] and [[ and } in "a name"'], [0, { nested: [1, { deeper: "]]" }] }]],
  [[0, "ends in a backslash \\"], [0, "\\\\\\\""]],
  [[0, "ünïcødé ✓"], [2, null]],
  [[1, null], [0, -1.5e-7]],
  [[0, ""], [0, [true, false, null]]],
];
const WHAT = "PUT https://cluster/2/query/instance";
const parsedRows = (text: string) => splitQueryAnswer(text, WHAT).rows.map((row) => parseQueryRow(row, WHAT));

describe("a query answer cut into row texts", () => {
  it("gives each row's text, whatever the spacing and key order (Gantry's compact text, Python's spaced one)", () => {
    const answers = [
      JSON.stringify({ data: DATA, fields: FIELDS }),
      JSON.stringify({ fields: FIELDS, data: DATA }, null, 2),
      ` { "fields" : ${JSON.stringify(FIELDS)} ,\r\n\t"extra": {"data": [[1]]}, "data" : [ ${DATA.map((row) => JSON.stringify(row, null, 1)).join(" ,\n ")} ] } `,
    ];
    for (const text of answers) {
      const { rows, fields } = splitQueryAnswer(text, WHAT);
      expect(fields).toEqual(FIELDS);
      expect(rows).toHaveLength(DATA.length);
      expect(parsedRows(text)).toEqual(DATA);
    }
    expect(splitQueryAnswer(JSON.stringify({ data: DATA, fields: FIELDS }), WHAT).rows[0]).toBe(JSON.stringify(DATA[0]));
  });

  it("gives no rows for an empty answer", () => {
    expect(splitQueryAnswer('{"data":[],"fields":[]}', WHAT)).toEqual({ rows: [], fields: [] });
    expect(splitQueryAnswer('{ "data" : [ ] , "fields" : [ ] }', WHAT).rows).toEqual([]);
  });

  it("refuses what is not a query answer, naming the request", () => {
    for (const text of ["[]", '{"fields":[]}', '{"data":{},"fields":[]}', '{"data":[[[0,1]]]', '{"data":[[[0,"open', '{"data":[],"fields":[]} x', '{"data":[],"fields":[{"title":1}]}', "<html>"]) {
      expect(() => splitQueryAnswer(text, WHAT), text).toThrow(RapiResponseError);
    }
    expect(() => splitQueryAnswer("<html>", WHAT)).toThrow(/PUT https:\/\/cluster\/2\/query\/instance: the answer is not/);
  });

  it("checks a row's cells when it is parsed", () => {
    expect(parseQueryRow('[[0,"a"],[2,null]]', WHAT)).toEqual([[0, "a"], [2, null]]);
    for (const row of ['{"a":1}', '[[0,"a",1]]', '[["0","a"]]', "[0]"]) expect(() => parseQueryRow(row, WHAT), row).toThrow(RapiResponseError);
  });
});
