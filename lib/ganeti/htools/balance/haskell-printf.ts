// Haskell's printf for Doubles ("%.8f", "%12.8f", "%.6g"), as hbal's messages use it. GHC rounds the shortest
// decimal digits of the number (floatToDigits) half to even, where C and JavaScript round the exact binary value;
// the results differ on numbers such as 1.005, so the score lines need this to match Ganeti's byte for byte.

/** The shortest decimal digits of |x| and its exponent: |x| = 0.d1d2… × 10^e (floatToDigits 10). */
function floatToDigits(x: number): { digits: number[]; e: number } {
  if (x === 0) return { digits: [0], e: 0 };
  const [mantissa, exp] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = [...mantissa.replace(".", "")].map(Number);
  return { digits, e: Number(exp) + 1 };
}

/** GHC's Numeric roundTo: keep `d` digits, rounding half to even; returns the carry and the digits. */
function roundTo(d: number, is: readonly number[]): [number, number[]] {
  const f = (n: number, even: boolean, xs: readonly number[], from: number): [number, number[]] => {
    if (from >= xs.length) return [0, new Array<number>(n).fill(0)];
    if (n === 0) {
      const x = xs[from]!;
      let restZero = true;
      for (let k = from + 1; k < xs.length; k++) if (xs[k] !== 0) restZero = false;
      if (x === 5 && even && restZero) return [0, []];
      return [x >= 5 ? 1 : 0, []];
    }
    const i = xs[from]!;
    const [c, rest] = f(n - 1, i % 2 === 0, xs, from + 1);
    const i2 = c + i;
    return i2 === 10 ? [1, [0, ...rest]] : [0, [i2, ...rest]];
  };
  const [c, ds] = f(d, true, is, 0);
  return c === 1 ? [1, [1, ...ds]] : [0, ds];
}

function fixedDigits(x: number, dec: number): string {
  const { digits, e } = floatToDigits(x);
  if (e >= 0) {
    const [ei, is2] = roundTo(dec + e, digits);
    const all = is2.join("");
    const ls = all.slice(0, e + ei);
    const rs = all.slice(e + ei);
    return (ls === "" ? "0" : ls) + (rs === "" ? "" : `.${rs}`);
  }
  const [ei, is2] = roundTo(dec, [...new Array<number>(-e).fill(0), ...digits]);
  const ds = ei > 0 ? is2 : [0, ...is2];
  const [d, ...rest] = ds;
  return `${d}${rest.length === 0 ? "" : `.${rest.join("")}`}`;
}

function exponentDigits(x: number, dec: number): string {
  const { digits, e } = floatToDigits(x);
  const dec2 = Math.max(dec, 1);
  if (digits.length === 1 && digits[0] === 0) return `0.${"0".repeat(dec2)}e0`;
  const [ei, is2] = roundTo(dec2 + 1, digits);
  const ds = ei > 0 ? is2.slice(0, -1) : is2;
  const [d, ...rest] = ds;
  return `${d}.${rest.join("")}e${e - 1 + ei}`;
}

const sign = (x: number, body: (a: number) => string): string => {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  return x < 0 || Object.is(x, -0) ? `-${body(-x)}` : body(x);
};

/** printf "%.<dec>f". */
export const showFixed = (x: number, dec: number): string => sign(x, (a) => fixedDigits(a, dec));

/** printf "%.<dec>e". */
export const showExponent = (x: number, dec: number): string => sign(x, (a) => exponentDigits(a, dec));

/** printf "%.<dec>g": fixed notation for 0.1 ≤ |x| < 10^7 (and 0), exponent notation otherwise. */
export const showGeneric = (x: number, dec: number): string =>
  sign(x, (a) => {
    const { e } = floatToDigits(a);
    return e < 0 || e > 7 ? exponentDigits(a, dec) : fixedDigits(a, dec);
  });

/** Right-aligns in `width` characters, as printf "%<width>…" does. */
export const padLeft = (s: string, width: number): string => s.padStart(width);
