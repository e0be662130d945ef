// RAPI's bulk lists in masterd, with the text of what derives from the configuration kept between requests. A list
// of 10,000 instances is 8.5 MB of JSON; its live fields (status, oper_state, oper_ram, oper_vcpus) are the only
// part that can change while the configuration does not. So the list's template (bulk-text.ts: everything but the
// live runs, encoded) is kept under the configuration's generation, and a request with the same generation only asks
// the nodes, computes the live columns and puts their text in (one synchronous pass of about 20 ms at 10,000). When
// the nodes answered as they did for the last list of that generation (the query's liveKey), the last text is sent
// again: it is what the same inputs make, and the nodes were still asked.
// Any change to the configuration (a tag, a new instance) makes the next request build everything again; that build
// lets the event loop run between slices (jobs go on), and starts over if the configuration changed meanwhile, so a
// list is always of one configuration state. Rows are also checked against the kept ones by uuid.
import type { CompatQuery } from "../../query/run-query";
import { BulkRowText, fillTemplate, TemplateBuilder, type BulkTemplate, type FieldAdjustments } from "./bulk-text";
import { IdleEntries } from "./idle-entries";
import type { JsonText } from "./json-text";

/** Rows computed per slice: each slice's objects are garbage once its text exists. */
const SLICE_ROWS = 500;
/** How long a build runs before it lets the event loop have a turn. */
const BUILD_TURN_MS = 10;
/** Builds that may start over after a change of the configuration; the last one runs in one go. */
const BUILD_ATTEMPTS = 3;
/** A list nobody asked for this long is dropped (masterd gives the memory back when idle). */
const IDLE_MS = 60_000;
const NO_ADJUSTMENTS: FieldAdjustments = Object.freeze({});

type Entry = {
  generation: number;
  writer: BulkRowText;
  template: BulkTemplate;
  uuids: unknown[];
  /** The last list made from this template, and the live data it was made of. */
  last?: { liveKey: string; text: JsonText };
};

export type BulkSource<What extends string> = {
  /** The configuration's change counter (ConfigStore.generation). */
  generation(): number;
  /** The old-style query of every object, its live data collected. */
  prepare(what: What, fields: string[]): Promise<CompatQuery>;
};

export class BulkListCache<What extends string> {
  private readonly entries = new IdleEntries<Entry>(IDLE_MS);

  constructor(private readonly source: BulkSource<What>) {}

  async list(what: What, fields: string[], adjust: FieldAdjustments = NO_ADJUSTMENTS): Promise<JsonText> {
    const key = `${what}\u0000${fields.join(",")}`;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= BUILD_ATTEMPTS;
      const query = await this.source.prepare(what, fields);
      // The nodes' answers arrive as one run of promise callbacks: let other work in before the rows are written.
      await turn();
      const current = query.generation === this.source.generation();
      if (!current && !last) continue;
      const kept = this.entries.get(key);
      if (current && kept && kept.generation === query.generation && kept.writer.adjust === adjust) {
        const liveKey = query.liveKey();
        if (kept.last?.liveKey === liveKey) return kept.last.text;
        const text = fromKept(kept, query);
        if (text) {
          kept.last = { liveKey, text };
          return text;
        }
      }
      const built = await this.build(query, fields, adjust, !last);
      if (!built) continue;
      if (kept) this.entries.delete(key);
      const text = fillTemplate(built.template, built.live);
      if (current && built.uuids) {
        const last = { liveKey: query.liveKey(), text };
        this.entries.set(key, { generation: query.generation, writer: built.writer, template: built.template, uuids: built.uuids, last });
      }
      return text;
    }
  }

  /** The whole list; null when the configuration changed while the event loop had a turn. */
  private async build(query: CompatQuery, fields: string[], adjust: FieldAdjustments, turns: boolean) {
    const writer = new BulkRowText(fields, query.live, adjust);
    const builder = new TemplateBuilder(writer);
    const uuidColumn = fields.indexOf("uuid");
    const uuids: unknown[] | null = uuidColumn >= 0 ? [] : null;
    let since = performance.now();
    for (const slice of query.rows(SLICE_ROWS)) {
      builder.add(slice);
      if (uuids) for (const row of slice) uuids.push(row[uuidColumn]);
      if (turns && performance.now() - since > BUILD_TURN_MS) {
        await turn();
        if (this.source.generation() !== query.generation) return null;
        since = performance.now();
      }
    }
    return { writer, uuids, ...builder.finish() };
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The list from the kept template and fresh live columns (synchronously); null when the rows are not the kept ones. */
function fromKept(entry: Entry, query: CompatQuery): JsonText | null {
  const { writer, uuids, template } = entry;
  const uuidColumn = writer.fields.indexOf("uuid");
  const only = query.live.map((live, column) => live || column === uuidColumn);
  const live: string[] = [];
  let i = 0;
  let same = true;
  query.each((row) => {
    same &&= row[uuidColumn] === uuids[i++];
    if (same) writer.liveTexts(row, live);
  }, only);
  return same && i === template.rows ? fillTemplate(template, live) : null;
}
