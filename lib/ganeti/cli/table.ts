// List output as Ganeti prints it (GenerateTable): a header line, one row per item, columns separated by one space,
// numbers right-aligned; or fields joined by --separator; sizes in human units unless a separator is used.
import { RS_NODATA, RS_NORMAL, RS_OFFLINE, RS_UNAVAIL, type Cell, type FieldDefinition } from "../query/fields";
import { formatUnit } from "../objects/units";

export type TableOptions = { headers: boolean; separator?: string; units?: string };

export function formatCell(cell: Cell, field: FieldDefinition, units: string): string {
  const [status, value] = cell;
  if (status !== RS_NORMAL) {
    if (status === RS_NODATA) return "*";
    if (status === RS_UNAVAIL) return "-";
    if (status === RS_OFFLINE) return "(offline)";
    return "(unknown)";
  }
  return formatValue(value, field, units);
}

export function formatValue(value: unknown, field: FieldDefinition, units = "h"): string {
  if (value === null || value === undefined) return "-";
  if (field.kind === "unit" && typeof value === "number") return units === "h" ? formatUnit(value) : String(convertUnit(value, units));
  if (field.kind === "bool") return value ? "Y" : "N";
  if (field.kind === "timestamp") {
    const seconds = Array.isArray(value) ? Number(value[0]) + Number(value[1]) / 1e6 : Number(value);
    return new Date(seconds * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, "");
  }
  if (Array.isArray(value)) return value.map((v) => (v === null ? "-" : typeof v === "object" ? JSON.stringify(v) : String(v))).join(",");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function convertUnit(mib: number, units: string): number {
  switch (units) {
    case "g":
      return Math.round((mib / 1024) * 10) / 10;
    case "t":
      return Math.round((mib / 1024 / 1024) * 10) / 10;
    default:
      return mib;
  }
}

export function renderTable(fields: FieldDefinition[], rows: Cell[][], options: TableOptions): string {
  const units = options.units ?? (options.separator !== undefined ? "m" : "h");
  const text = rows.map((row) => row.map((c, i) => formatCell(c, fields[i]!, units)));
  const header = fields.map((f) => f.title);
  if (options.separator !== undefined) {
    const lines = options.headers ? [header, ...text] : text;
    return lines.map((cells) => cells.join(options.separator)).join("\n");
  }
  const all = options.headers ? [header, ...text] : text;
  const widths = fields.map((_, i) => Math.max(0, ...all.map((cells) => cells[i]!.length)));
  const numeric = fields.map((f) => f.kind === "number" || f.kind === "unit");
  return all
    .map((cells) =>
      cells
        .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
        .join(" ")
        .trimEnd(),
    )
    .join("\n");
}
