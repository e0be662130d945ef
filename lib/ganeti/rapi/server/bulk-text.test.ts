import { describe, expect, it } from "vitest";
import { BulkRowText, bulkText, fillTemplate } from "./bulk-text";

const fields = ["name", "state", "ram", "params", "note", "tags", "up"];
const rows = (): unknown[][] => [
  ["ünïcode-1", "running", 128, { a: 1, b: [null] }, 'q"uote\u2028', [], true],
  ["b", null, undefined, {}, null, ["x"], false],
  ["c€", "ERROR_down", 1.5, { nested: { deep: "é" } }, "", ["a", "b"], null],
];
const expected = (adjust = (r: unknown[]) => r) =>
  JSON.stringify(rows().map(adjust).map((r) => Object.fromEntries(fields.map((f, i) => [f, r[i] ?? null]))));
const slices = (all: unknown[][], size: number) => Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));

describe("bulk list text", () => {
  it("is byte for byte JSON.stringify of MapFields' objects, wherever the live runs are", () => {
    for (const live of [
      [false, false, false, false, false, false, false],
      [false, true, true, false, false, false, false],
      [true, false, false, false, false, false, true],
      [true, true, true, true, true, true, true],
      [false, true, false, true, false, true, false],
    ]) {
      for (const size of [1, 2, 3]) {
        const { template, live: texts } = new BulkRowText(fields, live).template(slices(rows(), size));
        expect(fillTemplate(template, texts).body.toString("utf8")).toBe(expected());
        // The kept template with live texts written again from fresh rows: the same.
        const writer = new BulkRowText(fields, live);
        const again: string[] = [];
        for (const row of rows()) writer.liveTexts(row, again);
        expect(fillTemplate(template, again).body.toString("utf8")).toBe(expected());
      }
    }
  });

  it("adjusts field values first, and writes an empty list as []", () => {
    const adjust = { params: (p: unknown) => ({ ...(p as object), seen: true }) };
    expect(bulkText(fields, rows(), adjust).body.toString()).toBe(expected((r) => r.map((v, i) => (i === 3 ? { ...(v as object), seen: true } : v))));
    expect(bulkText(fields, []).body.toString()).toBe("[]");
    const { template, live } = new BulkRowText(fields, [false, true, false, false, false, false, false]).template([]);
    expect(fillTemplate(template, live).body.toString()).toBe("[]");
    expect(() => fillTemplate(template, ["x"])).toThrow("1 live texts for 0 places");
    const withEmpty = new BulkRowText(fields, [false, true, false, false, false, false, false]).template([[], rows(), []]);
    expect(fillTemplate(withEmpty.template, withEmpty.live).body.toString()).toBe(expected());
    const onlyEmpty = new BulkRowText(fields, [false, true, false, false, false, false, false]).template([[]]);
    expect(fillTemplate(onlyEmpty.template, onlyEmpty.live).body.toString()).toBe("[]");
  });
});
