// Ganeti's query model (/2/query, luxi Query, gnt-* list -o): named fields with a title, a kind and a doc; each
// cell is [status, value], status 0 normal, 1 unknown field, 2 no data, 3 unavailable, 4 offline.
export type FieldKind = "text" | "bool" | "number" | "unit" | "timestamp" | "other" | "unknown";
export type FieldDefinition = { name: string; title: string; kind: FieldKind; doc: string };

export const RS_NORMAL = 0;
export const RS_UNKNOWN = 1;
export const RS_NODATA = 2;
export const RS_UNAVAIL = 3;
export const RS_OFFLINE = 4;
export type Cell = [number, unknown];

/** What a getter may return besides a value. */
export const NO_DATA = Symbol("nodata");
export const UNAVAILABLE = Symbol("unavailable");
export const OFFLINE = Symbol("offline");

export type Field<Item, Ctx> = FieldDefinition & {
  /**
   * Needs live data from the nodes (collected only when a requested field needs it). A field that is not live must
   * derive from the configuration alone: RAPI's bulk lists keep its text for as long as the configuration is unchanged.
   */
  live?: boolean;
  get(item: Item, ctx: Ctx): unknown;
};

export function field<Item, Ctx>(
  name: string,
  title: string,
  kind: FieldKind,
  doc: string,
  get: (item: Item, ctx: Ctx) => unknown,
  live = false,
): Field<Item, Ctx> {
  return { name, title, kind, doc, get, live };
}

export function cell(value: unknown): Cell {
  if (value === NO_DATA) return [RS_NODATA, null];
  if (value === UNAVAILABLE) return [RS_UNAVAIL, null];
  if (value === OFFLINE) return [RS_OFFLINE, null];
  return [RS_NORMAL, value === undefined ? null : value];
}

export const ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th", "13th", "14th", "15th", "16th"];

export function commonFields<Item extends { uuid: string; serial_no: number; ctime: number; mtime: number; tags: string[] }, Ctx>(): Array<Field<Item, Ctx>> {
  return [
    field("uuid", "UUID", "text", "Object UUID", (o) => o.uuid),
    field("serial_no", "SerialNo", "number", "Object serial number, incremented on each modification", (o) => o.serial_no),
    field("ctime", "CTime", "timestamp", "Creation timestamp", (o) => o.ctime),
    field("mtime", "MTime", "timestamp", "Modification timestamp", (o) => o.mtime),
    field("tags", "Tags", "other", "Tags", (o) => o.tags),
  ];
}
