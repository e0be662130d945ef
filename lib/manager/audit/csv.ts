// CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break quoted, quotes doubled), with a
// guard against formula injection: a text cell that a spreadsheet would run as a formula (starting with = + - @, or a
// tab or carriage return as OWASP adds) gets a leading ' so that it is shown as text. Audit rows carry text anyone can
// choose (the e-mail typed at sign-in, object names), and admins open exports in spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => `${cells.map(csvCell).join(",")}\r\n`;
