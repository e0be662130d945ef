// Instance specs as hspace handles them (Ganeti's Types.RSpec, CLI.parseISpecString, Utils.parseUnit and
// Hspace.instFromSpec): the resources of the identical instances it places, and the spec of a placed instance.
import type { Instance } from "../instance";
import { createInstance } from "../instance";
import type { DiskTemplate, ISpec } from "../types";

/** Ganeti's RSpec: the resources of one instance. */
export type RSpec = { cpu: number; mem: number; dsk: number; spn: number };

export const rspecFromISpec = (s: ISpec): RSpec => ({ cpu: s.cpuCount, mem: s.memorySize, dsk: s.diskSize, spn: s.spindleUse });

export const sameSpec = (a: RSpec, b: RSpec): boolean => a.cpu === b.cpu && a.mem === b.mem && a.dsk === b.dsk && a.spn === b.spn;

/** Instance.specOf: spindles only when the instance has exactly one disk with known spindles. */
export function specOf(i: Instance): RSpec {
  const only = i.disks.length === 1 ? i.disks[0]! : null;
  return { cpu: i.vcpus, mem: i.mem, dsk: i.dsk, spn: only && only.spindles !== null ? only.spindles : 0 };
}

/** Hspace.instFromSpec: a running, auto-balanced instance named "new" with one disk of the whole size. */
export function instFromSpec(spec: RSpec, template: DiskTemplate, spindleUse: number): Instance {
  return createInstance({
    name: "new",
    mem: spec.mem,
    dsk: spec.dsk,
    disks: [{ size: spec.dsk, spindles: spec.spn }],
    vcpus: spec.cpu,
    runSt: "running",
    tags: [],
    autoBalance: true,
    diskTemplate: template,
    spindleUse,
  });
}

export class SpecError extends Error {
  override readonly name = "SpecError";
}

/** Haskell's `reads` for an Int at the start of a string: the value and what follows, or null. */
function readsInt(s: string): [number, string] | null {
  const m = /^\s*(-?\d+)/.exec(s);
  if (!m) return null;
  return [Number(m[1]), s.slice(m[0].length)];
}

/** Utils.parseUnit: "NUMBER [UNIT]" in MiB; m/g/t are binary, M/G/T (and MB, GB, TB) decimal. */
export function parseUnit(str: string): number {
  const r = readsInt(str);
  if (r === null) throw new SpecError(`Can't parse string '${str}'`);
  const [v, suffix] = r;
  const unit = suffix.replace(/^ +/, "");
  const upper = unit.toUpperCase();
  const dec = 1000 / 1024;
  const mb = dec * dec;
  let factor: number;
  if (unit === "") factor = 1;
  else if (unit === "m" || upper === "MIB") factor = 1;
  else if (unit === "g" || upper === "GIB") factor = 1024;
  else if (unit === "t" || upper === "TIB") factor = 1024 * 1024;
  else if (unit === "M" || upper === "MB") factor = mb;
  else if (unit === "G" || upper === "GB") factor = mb * 1000;
  else if (unit === "T" || upper === "TB") factor = mb * 1000 * 1000;
  else throw new SpecError(`Unknown unit '${unit}'`);
  // Ganeti multiplies rationals exactly: v × 1000^k / 1024^j, truncated.
  if (factor === 1 || Number.isInteger(factor)) return Math.trunc(v * factor);
  const k = unit === "M" || upper === "MB" ? 0 : unit === "G" || upper === "GB" ? 1 : 2;
  const num = BigInt(v) * 1000n ** BigInt(k) * 1000n * 1000n;
  const den = 1024n * 1024n;
  return Number(num / den);
}

/** Ganeti's tryRead for an Int: the whole string, optional surrounding spaces. */
export function readIntStrict(name: string, s: string): number {
  if (!/^\s*-?\d+\s*$/.test(s)) throw new SpecError(`${name}: cannot parse string '${s}'`);
  return Number(s);
}

/** CLI.parseISpecString: "disk,ram,cpu[,spindles]" (spindles default to 1). */
export function parseISpecString(descr: string, inp: string): RSpec {
  const parts = inp === "" ? [] : inp.split(",");
  if (parts.length < 3 || parts.length > 4) {
    throw new SpecError(`Invalid ${descr} specification: '${inp}', expected disk,ram,cpu`);
  }
  const annotate = (what: string, f: () => number) => {
    try {
      return f();
    } catch (err) {
      throw new SpecError(`${descr} specs ${what}: ${(err as Error).message}`);
    }
  };
  const dsk = annotate("disk", () => parseUnit(parts[0]!));
  const mem = annotate("memory", () => parseUnit(parts[1]!));
  const cpu = readIntStrict(`${descr} specs cpus`, parts[2]!);
  const spn = parts.length === 4 ? readIntStrict(`${descr} specs spindles`, parts[3]!) : 1;
  return { cpu, mem, dsk, spn };
}
