// Ganeti's htools are Haskell programs: the text format and their output use Haskell's `show`, `read` and list
// splitting. These helpers reproduce them so files and output match byte for byte.

/** Haskell's `show` for a Double: shortest digits, decimal in [0.1, 10^7), otherwise `d.ddde±x`. */
export function showDouble(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 0.1 && abs < 1e7) {
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const m = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return `${m}e${exponent.replace("+", "")}`;
}

/** Ganeti's sepSplit: "" → [], "a|" → ["a", ""], "a||b" → ["a", "", "b"]. */
export function sepSplit<T>(sep: T, list: readonly T[]): T[][] {
  const out: T[][] = [];
  if (list.length === 0) return out;
  let current: T[] = [];
  for (const item of list) {
    if (item === sep) {
      out.push(current);
      current = [];
    } else current.push(item);
  }
  out.push(current);
  return out;
}

export const splitString = (sep: string, s: string): string[] => sepSplit(sep, [...s]).map((chars) => chars.join(""));
export const commaSplit = (s: string): string[] => splitString(",", s);

/** Haskell's `lines`: a final newline does not start another line. */
export function haskellLines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Haskell's `show` for a list of strings, as Ganeti quotes bad rows in its errors. */
export const showStrings = (list: readonly string[]): string => `[${list.map((s) => JSON.stringify(s)).join(",")}]`;

const INT = /^-?\d+$/;
const DOUBLE = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Ganeti's tryRead for an Int. */
export function readInt(name: string, s: string): number {
  if (!INT.test(s.trim())) throw new ReadError(`${name}: cannot parse string '${s}'`);
  return Number(s);
}

/** Ganeti's tryRead for a Double. */
export function readDouble(name: string, s: string): number {
  if (!DOUBLE.test(s.trim())) throw new ReadError(`${name}: cannot parse string '${s}'`);
  return Number(s);
}

export class ReadError extends Error {
  override readonly name = "ReadError";
}

/** printf "%.0f" (round half to even, as GHC's printf does through showFFloat). */
export function fixed0(x: number): string {
  const r = Math.round(x);
  const even = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
  return String(even);
}
