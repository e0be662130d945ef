// Ganeti's MapBulkFields written straight to JSON text: each row becomes {"field": value, …} in the fields' order.
// A row is written as runs of consecutive fields that are either all derived from the configuration or all live
// (I_FIELDS: name … hvparams, then oper_state … status, then custom_hvparams … tags). The whole list is then a
// template — one buffer with everything but the live runs — and the live runs' texts, to be put in at the template's
// cuts. bulk-cache.ts keeps the template while the configuration does not change and only writes the live runs again.
// Put together, the text is byte for byte JSON.stringify of the objects Ganeti's MapFields would make.
import { JsonText } from "./json-text";
import { recordMaker, type RecordMaker } from "./record-maker";

/** Changes to field values before they are written (Ganeti's _UpdateBeparams adds beparams' memory alias). */
export type FieldAdjustments = Readonly<Record<string, (value: unknown) => unknown>>;

type Run = {
  live: boolean;
  columns: number[];
  /** `"field":` for each column, with the comma before all but the first. */
  keys: string[];
  make: RecordMaker;
  adjust: Array<[number, (value: unknown) => unknown]>;
};

/**
 * Everything but the live runs, encoded, as the stretches between them: the text is segments[0], live text 0,
 * segments[1], … (the segments are views of one buffer, made once, so putting the text together copies without
 * allocating).
 */
export type BulkTemplate = { segments: Uint8Array[]; size: number; rows: number };

export class BulkRowText {
  readonly runs: Run[] = [];

  constructor(
    readonly fields: readonly string[],
    live: readonly boolean[],
    readonly adjust: FieldAdjustments = {},
  ) {
    fields.forEach((field, column) => {
      let run = this.runs.at(-1);
      if (!run || run.live !== live[column]) this.runs.push((run = { live: live[column]!, columns: [], keys: [], make: () => ({}), adjust: [] }));
      run.keys.push(`${run.columns.length ? "," : ""}${JSON.stringify(field)}:`);
      run.columns.push(column);
      if (Object.hasOwn(adjust, field)) run.adjust.push([column, adjust[field]!]);
    });
    for (const run of this.runs) run.make = recordMaker(run.columns.map((c) => fields[c]!), run.columns);
  }

  /** The live runs' texts of a row, in order, appended to `out`. */
  liveTexts(row: unknown[], out: string[]): void {
    for (const run of this.runs) if (run.live) out.push(this.scalarRunText(run, row));
  }

  /** One run of a row: `"field":value,…` (the object's text without its braces). Adjusts the row's values in place. */
  private runText(run: Run, row: unknown[]): string {
    for (const [column, change] of run.adjust) row[column] = change(row[column]);
    return JSON.stringify(run.make(row)).slice(1, -1);
  }

  /**
   * The same for a run of live fields, which hold plain numbers, booleans, strings or null: written key by key, it
   * saves making an object per row (JSON.stringify does the rest, and any other value).
   */
  private scalarRunText(run: Run, row: unknown[]): string {
    for (const [column, change] of run.adjust) row[column] = change(row[column]);
    let text = "";
    for (let k = 0; k < run.columns.length; k++) {
      const value = row[run.columns[k]!] ?? null;
      const json = value === null ? "null" : typeof value === "boolean" ? String(value) : JSON.stringify(value);
      if (json === undefined) return JSON.stringify(run.make(row)).slice(1, -1); // a function or symbol: left out, as there
      text += run.keys[k]! + json;
    }
    return text;
  }

  /** The template of a whole list and its live runs' texts. */
  template(slices: Iterable<unknown[][]>): { template: BulkTemplate; live: string[] } {
    const builder = new TemplateBuilder(this);
    for (const slice of slices) builder.add(slice);
    return builder.finish();
  }

  /** Appends a row to the template's pieces (`cutAfter`: a live text follows the piece) and its live texts. */
  addRow(row: unknown[], first: boolean, pieces: string[], cutAfter: boolean[], live: string[], current: string): string {
    current += first ? "{" : ",{";
    this.runs.forEach((run, k) => {
      if (k) current += ",";
      if (!run.live) {
        current += this.runText(run, row);
        return;
      }
      pieces.push(current);
      cutAfter.push(true);
      current = "";
      live.push(this.scalarRunText(run, row));
    });
    return `${current}}`;
  }
}

/** A template built slice by slice (bulk-cache.ts lets the event loop run between slices). */
export class TemplateBuilder {
  private readonly pieces: string[] = [];
  private readonly cutAfter: boolean[] = [];
  private readonly live: string[] = [];
  private rows = 0;
  private opened = false;

  constructor(private readonly writer: BulkRowText) {}

  add(slice: unknown[][]): void {
    let current = this.opened ? "" : "[";
    this.opened = true;
    for (const row of slice) current = this.writer.addRow(row, this.rows++ === 0, this.pieces, this.cutAfter, this.live, current);
    // A piece ends with each slice, so that no string grows into a rope of 10,000 rows.
    this.pieces.push(current);
    this.cutAfter.push(false);
  }

  finish(): { template: BulkTemplate; live: string[] } {
    this.pieces.push(this.opened ? "]" : "[]");
    this.cutAfter.push(false);
    return { template: encodeTemplate(this.pieces, this.cutAfter, this.rows), live: this.live };
  }
}

function encodeTemplate(pieces: string[], cutAfter: boolean[], rows: number): BulkTemplate {
  const lengths = pieces.map((p) => Buffer.byteLength(p, "utf8"));
  const bytes = Buffer.allocUnsafe(lengths.reduce((a, b) => a + b, 0));
  const segments: Uint8Array[] = [];
  let at = 0;
  let from = 0;
  pieces.forEach((piece, i) => {
    at += bytes.write(piece, at, lengths[i]!, "utf8");
    if (!cutAfter[i]) return;
    segments.push(bytes.subarray(from, at));
    from = at;
  });
  segments.push(bytes.subarray(from));
  return { segments, size: bytes.length, rows };
}

/** The list's text: the template with the live texts put in between its segments. */
export function fillTemplate(template: BulkTemplate, live: readonly string[]): JsonText {
  const { segments } = template;
  if (live.length !== segments.length - 1) throw new Error(`Internal error: ${live.length} live texts for ${segments.length - 1} places`);
  let size = template.size;
  const lengths = live.map((text) => Buffer.byteLength(text, "utf8"));
  for (const n of lengths) size += n;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let j = 0; j < live.length; j++) {
    out.set(segments[j]!, at);
    at += segments[j]!.length;
    at += out.write(live[j]!, at, lengths[j]!, "utf8");
  }
  out.set(segments[live.length]!, at);
  return new JsonText(out);
}

/** A bulk list's text from rows of values, without keeping anything (a RAPI reading the master over luxi). */
export function bulkText(fields: readonly string[], rows: unknown[][], adjust: FieldAdjustments = {}): JsonText {
  const slices = Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, (i + 1) * 500));
  const { template, live } = new BulkRowText(fields, fields.map(() => false), adjust).template(slices);
  return fillTemplate(template, live);
}
