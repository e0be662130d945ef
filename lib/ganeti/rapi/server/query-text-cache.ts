// /2/query answers in masterd, sent again when they would be made the same. A cache sync asks every instance's stamp
// and live state on every run (4 MB of JSON at 40,000 instances); between runs usually nothing changed. The nodes
// are still asked every time: the last text is only used when the configuration's generation and the nodes' answers
// (the query's liveKey) are those it was made of, for the same fields and filter. Anything else is written afresh.
import type { QueryFilter } from "../../query/filter";
import type { QueryText } from "../../query/run-query";
import { IdleEntries } from "./idle-entries";
import { JsonText } from "./json-text";

/** Answers nobody asked for this long are dropped. */
const IDLE_MS = 60_000;
/** Different queries kept at once (a sync makes three that can be kept: instances, nodes, groups). */
const MAX_KEPT = 8;

export type QueryTextSource = {
  /** The configuration's change counter (ConfigStore.generation). */
  generation(): number;
  /** The query, its live data collected. */
  prepare(what: string, fields: string[], filter: QueryFilter): Promise<QueryText>;
};

type Kept = { generation: number; liveKey: string; text: JsonText };

export class QueryTextCache {
  private readonly kept = new IdleEntries<Kept>(IDLE_MS, MAX_KEPT);

  constructor(private readonly source: QueryTextSource) {}

  async text(what: string, fields: string[], filter: QueryFilter): Promise<JsonText> {
    const query = await this.source.prepare(what, fields, filter);
    // Between the nodes' answers and here, a job may have changed the configuration: the text would be of the new one.
    if (!query.reusable || query.generation !== this.source.generation()) return encode(query.text());
    const key = JSON.stringify([what, fields, filter]);
    const liveKey = query.liveKey();
    const last = this.kept.get(key);
    if (last && last.generation === query.generation && last.liveKey === liveKey) return last.text;
    const text = encode(query.text());
    this.kept.set(key, { generation: query.generation, liveKey, text });
    return text;
  }
}

const encode = (text: string) => new JsonText(Buffer.from(text, "utf8"));
