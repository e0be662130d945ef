// Sizes as Ganeti writes them: "512" (MiB), "10G", "1.5T", "2048m" → MiB, rounded up to a multiple of 4 (ParseUnit);
// and back for lists: 128 → "128M", 10240 → "10.0G" (FormatUnit "h").
import { ParameterError } from "../errors";

const UNIT_RE = /^([.\d]+)\s*([a-zA-Z]+)?$/;

export function parseUnit(input: string | number): number {
  const match = UNIT_RE.exec(String(input).trim());
  if (!match || !/^\d*\.?\d*$/.test(match[1]!) || match[1] === ".") {
    throw new ParameterError(`Invalid size ${JSON.stringify(String(input))}: use a number with an optional unit, e.g. 512, 512M, 10G or 1T`);
  }
  let value = Number(match[1]);
  const unit = (match[2] ?? "m").toLowerCase();
  if (["g", "gb", "gib"].includes(unit)) value *= 1024;
  else if (["t", "tb", "tib"].includes(unit)) value *= 1024 * 1024;
  else if (!["m", "mb", "mib"].includes(unit)) {
    throw new ParameterError(`Unknown unit ${JSON.stringify(match[2])} in ${JSON.stringify(String(input))}: use M, G or T`);
  }
  let mib = Math.ceil(value);
  if (mib % 4) mib += 4 - (mib % 4);
  return mib;
}

export function formatUnit(mib: number | null | undefined): string {
  if (mib === null || mib === undefined) return "?";
  if (mib < 1024) return `${Math.round(mib)}M`;
  if (mib < 1024 * 1024) return `${(mib / 1024).toFixed(1)}G`;
  return `${(mib / 1024 / 1024).toFixed(1)}T`;
}
