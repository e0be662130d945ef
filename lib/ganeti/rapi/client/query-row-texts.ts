// A /2/query answer ({"data": [row, …], "fields": […]}, any JSON spacing, keys in any order) cut into the text of each
// row without parsing the rows: a client that compares each row with an earlier answer's (a cache sync reading 40,000
// instance stamps) parses only the rows that differ. Parsing all of them made hundreds of thousands of small arrays.
import { RapiResponseError } from "./errors";
import type { QueryResult } from "./types";

export type QueryRowTexts = { fields: QueryResult["fields"]; rows: string[] };

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** The answer's rows as text, and its field definitions; `what` names the request in errors. */
export function splitQueryAnswer(text: string, what: string): QueryRowTexts {
  const fail = (detail: string): never => {
    throw new RapiResponseError(`${what}: the answer is not what a Ganeti RAPI v2 server sends to a query: ${detail}`);
  };
  let rows: string[] | null = null;
  let fields: unknown = undefined;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_OBJECT) fail("expected an object");
  i = skipSpace(text, i + 1);
  while (text.charCodeAt(i) !== CLOSE_OBJECT) {
    if (text.charCodeAt(i) !== QUOTE) fail(`expected a key at offset ${i}`);
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) fail(`a key that does not end, at offset ${i}`);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) fail(`expected ':' at offset ${i}`);
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) fail(`a value that does not end, at offset ${start}`);
    if (key === "data") rows = elements(text, start, end) ?? fail("'data' is not a list of rows");
    else if (key === "fields") fields = JSON.parse(text.slice(start, end));
    i = skipSpace(text, end);
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
    else if (text.charCodeAt(i) !== CLOSE_OBJECT) fail(`expected ',' or '}' at offset ${i}`);
  }
  if (skipSpace(text, i + 1) !== text.length) fail("text after the answer");
  if (!rows) return fail("no 'data'");
  if (!Array.isArray(fields) || !fields.every((f) => f && typeof f === "object" && typeof (f as { name?: unknown }).name === "string")) fail("no list of 'fields'");
  return { fields: fields as QueryResult["fields"], rows };
}

/** One row's cells, [status, value] each, checked as the whole answer would be. */
export function parseQueryRow(row: string, what: string): Array<[number, unknown]> {
  const cells: unknown = JSON.parse(row);
  if (!Array.isArray(cells) || !cells.every((c) => Array.isArray(c) && c.length === 2 && Number.isInteger(c[0]))) {
    throw new RapiResponseError(`${what}: the answer is not what a Ganeti RAPI v2 server sends to a query: expected rows of [status, value] cells, got ${row.slice(0, 200)}`);
  }
  return cells as Array<[number, unknown]>;
}

/** The texts of the elements of the array text[start, end), or null if it is not an array. */
function elements(text: string, start: number, end: number): string[] | null {
  if (text.charCodeAt(start) !== OPEN_ARRAY) return null;
  const out: string[] = [];
  let i = skipSpace(text, start + 1);
  while (i < end - 1) {
    const elementEnd = valueEnd(text, i);
    if (elementEnd <= i) return null;
    out.push(text.slice(i, elementEnd));
    i = skipSpace(text, elementEnd);
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
  }
  return out;
}

/** Where the JSON value starting at `start` ends (exclusive); -1 when it does not. Values are not checked further. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return stringEnd(text, start);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) {
    let i = start;
    for (let c = text.charCodeAt(i); i < text.length && c !== COMMA && c !== CLOSE_ARRAY && c !== CLOSE_OBJECT && !isSpace(c); c = text.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i) - 1;
      if (i < 0) return -1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
    else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && --depth === 0) return i + 1;
  }
  return -1;
}

/** The end (exclusive) of the string whose opening quote is at `start`; -1 if it is not closed. */
function stringEnd(text: string, start: number): number {
  // A loop, not indexOf: the strings of a row are short, and a call per string cost more than the scan.
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}
