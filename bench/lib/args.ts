// A bench's whole-number options (--nodes 1000): what was given, or an error naming the option.
export function wholeNumber(name: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number ≥ ${min}, got '${value}'`);
  return n;
}
