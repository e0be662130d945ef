// GHC's printf "%.Nf" (Numeric.showFFloat): rounds the shortest decimal digits of the double, exact halves to even.
// JavaScript's toFixed rounds the exact binary value instead (15.625 → "15.63" where Ganeti prints "15.62").

/** floatToDigits 10: the shortest digits ds and exponent e with x = 0.ds × 10^e (x > 0). */
function floatToDigits(x: number): [number[], number] {
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const ds = mantissa.replace(".", "").split("").map(Number);
  return [ds, Number(exponent) + 1];
}

/** Numeric's roundTo: round the digit list to `d` digits, exact halves to the even neighbour. */
function roundTo(d: number, is: number[]): [number, number[]] {
  const f = (n: number, even: boolean, xs: number[]): [number, number[]] => {
    if (xs.length === 0) return [0, new Array<number>(n).fill(0)];
    if (n === 0) {
      const [x, ...rest] = xs as [number, ...number[]];
      if (x === 5 && even && rest.every((r) => r === 0)) return [0, []];
      return [x >= 5 ? 1 : 0, []];
    }
    const [i, ...rest] = xs as [number, ...number[]];
    const [c, tail] = f(n - 1, i % 2 === 0, rest);
    const i2 = c + i;
    return i2 === 10 ? [1, [0, ...tail]] : [0, [i2, ...tail]];
  };
  const [c, ds] = f(d, true, is);
  return c === 0 ? [0, ds] : [1, [1, ...ds]];
}

export function printfFixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  const dec = Math.max(decimals, 0);
  let ds: number[];
  let e: number;
  if (a === 0) [ds, e] = [[0], 0];
  else [ds, e] = floatToDigits(a);
  let out: string;
  if (e >= 0) {
    const [ei, is2] = roundTo(dec + e, ds);
    const digits = is2.join("");
    const ls = digits.slice(0, e + ei);
    const rs = digits.slice(e + ei);
    out = (ls === "" ? "0" : ls) + (rs === "" ? "" : `.${rs}`);
  } else {
    const [ei, is2] = roundTo(dec, [...new Array<number>(-e).fill(0), ...ds]);
    const all = ei > 0 ? is2 : [0, ...is2];
    const [d, ...rest] = all;
    out = `${d}${rest.length === 0 ? "" : `.${rest.join("")}`}`;
  }
  return sign + out;
}
