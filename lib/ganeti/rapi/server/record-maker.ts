// Turns a row of values into {field: value} for a fixed list of fields (Ganeti's MapFields). Bulk lists make
// thousands of these objects, and how they are built matters: assigning 35 keys one by one leaves V8 with a
// dictionary-mode object, about 30× slower to build and a quarter slower to serialise than an object literal (measured
// on I_FIELDS × 10,000). So each field list gets a function whose body is that object literal, generated once from the
// list itself (nothing can drift), and every object it returns shares one hidden class.
export type RecordMaker = (values: readonly unknown[]) => Record<string, unknown>;

/** By field list and columns; bounded, though RAPI only ever uses a handful of constant lists. */
const makers = new Map<string, RecordMaker>();
const MAX_MAKERS = 256;

/** Names that can be written as a quoted key of an object literal ("__proto__" would set the prototype instead). */
const LITERAL_KEY = /^[\w.:/-]+$/;

/** fields[k] takes values[columns[k]] (by default the k-th value); a missing value is null. */
export function recordMaker(fields: readonly string[], columns: readonly number[] = fields.map((_, k) => k)): RecordMaker {
  if (columns.length !== fields.length || !columns.every((c) => Number.isInteger(c) && c >= 0)) throw new Error("recordMaker: one column index per field");
  const key = `${fields.join("\u0000")}\u0001${columns.join(",")}`;
  let make = makers.get(key);
  if (!make) {
    make = fields.every((f) => LITERAL_KEY.test(f) && f !== "__proto__") ? literalMaker(fields, columns) : assigningMaker([...fields], [...columns]);
    if (makers.size >= MAX_MAKERS) makers.clear();
    makers.set(key, make);
  }
  return make;
}

function literalMaker(fields: readonly string[], columns: readonly number[]): RecordMaker {
  const body = fields.map((f, k) => `${JSON.stringify(f)}: values[${columns[k]}] ?? null`).join(", ");
  return new Function("values", `"use strict"; return { ${body} };`) as RecordMaker;
}

/** For field names that cannot be literal keys (never Ganeti's lists): one defineProperty per field. */
function assigningMaker(fields: string[], columns: number[]): RecordMaker {
  return (values) => {
    const item: Record<string, unknown> = {};
    fields.forEach((name, k) => Object.defineProperty(item, name, { value: values[columns[k]!] ?? null, enumerable: true, writable: true, configurable: true }));
    return item;
  };
}
