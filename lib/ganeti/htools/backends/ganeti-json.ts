// Reading Ganeti's JSON (RAPI bodies, luxi answers, iallocator files) the way Ganeti.JSON and Text.JSON do, with
// their error messages: "key 'mfree': Unable to read Int", "key 'x' not found, object contains only [...]", and the
// owner annotation ("Node 'node1', error while parsing data: …") that Ganeti's annotateResult prepends.
import type { Disk } from "../instance";
import type { AllocPolicy, DiskTemplate, InstanceStatus, IPolicy, ISpec, MinMaxISpecs } from "../types";
import { HtoolsInputError, isAllocPolicy, isDiskTemplate, isInstanceStatus } from "../types";

export type JsonObject = Record<string, unknown>;

/** A value that does not have the expected JSON type; annotated with keys and owners on the way out. */
export class JsonReadError extends HtoolsInputError {}

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Ganeti's annotateResult: `owner: message`. */
export function annotate<T>(owner: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof JsonReadError) throw new JsonReadError(`${owner}: ${err.message}`);
    throw err;
  }
}

export type Reader<T> = (value: unknown) => T;

export const readInt: Reader<number> = (v) => {
  // Text.JSON reads an Int from any JSON number (rounding a fractional one).
  if (typeof v !== "number" || !Number.isFinite(v)) throw new JsonReadError("Unable to read Int");
  return Math.round(v);
};

export const readDouble: Reader<number> = (v) => {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new JsonReadError("Unable to read Double");
  return v;
};

export const readBool: Reader<boolean> = (v) => {
  if (typeof v !== "boolean") throw new JsonReadError("Unable to read Bool");
  return v;
};

export const readString: Reader<string> = (v) => {
  if (typeof v !== "string") throw new JsonReadError("Unable to read String");
  return v;
};

export const readObject: Reader<JsonObject> = (v) => {
  if (!isObject(v)) throw new JsonReadError("Unable to read JSObject");
  return v;
};

export const readList =
  <T>(item: Reader<T>): Reader<T[]> =>
  (v) => {
    if (!Array.isArray(v)) throw new JsonReadError("Unable to read list");
    return v.map(item);
  };

/** A list whose elements may be null (Ganeti's arrayMaybeFromJVal). */
export const readMaybeList =
  <T>(item: Reader<T>): Reader<Array<T | null>> =>
  (v) => {
    if (!Array.isArray(v)) throw new JsonReadError("Unable to read list");
    return v.map((x) => (x === null ? null : item(x)));
  };

export const readStringList = readList(readString);

/** Ganeti's enumerations are read from their string form ("Invalid string value for type T: \"x\""). */
function readEnum<T extends string>(typeName: string, valid: (s: string) => s is T): Reader<T> {
  return (v) => {
    const s = readString(v);
    if (!valid(s)) throw new JsonReadError(`Invalid string value for type ${typeName}: ${JSON.stringify(s)}`);
    return s;
  };
}

export const readInstanceStatus: Reader<InstanceStatus> = readEnum("InstanceStatus", isInstanceStatus);
export const readDiskTemplate: Reader<DiskTemplate> = readEnum("DiskTemplate", isDiskTemplate);
export const readAllocPolicy: Reader<AllocPolicy> = readEnum("AllocPolicy", isAllocPolicy);

/** Ganeti.JSON.fromObj: a required key. */
export function fromObj<T>(obj: JsonObject, key: string, read: Reader<T>): T {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) {
    throw new JsonReadError(`key '${key}' not found, object contains only ${JSON.stringify(Object.keys(obj))}`);
  }
  return fromKeyValue(key, obj[key], read);
}

/** Ganeti.JSON.maybeFromObj: a missing key or null is "no value". */
export function maybeFromObj<T>(obj: JsonObject, key: string, read: Reader<T>): T | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  return fromKeyValue(key, v, read);
}

/** Ganeti.JSON.fromObjWithDefault. */
export const fromObjWithDefault = <T>(obj: JsonObject, key: string, read: Reader<T>, def: T): T => maybeFromObj(obj, key, read) ?? def;

/** Ganeti's tryFromObj: fromObj annotated with the owner. */
export const tryFromObj = <T>(owner: string, obj: JsonObject, key: string, read: Reader<T>): T => annotate(owner, () => fromObj(obj, key, read));

function fromKeyValue<T>(key: string, value: unknown, read: Reader<T>): T {
  try {
    return read(value);
  } catch (err) {
    if (err instanceof JsonReadError) throw new JsonReadError(`key '${key}': ${err.message}`);
    throw err;
  }
}

/** Parses a JSON document as Text.JSON's decodeStrict, with its error wording. */
export function decodeJson(owner: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JsonReadError(`${owner}: Malformed JSON: ${(err as Error).message}`);
  }
}

/** Ganeti's loadJSArray: a JSON document that must be an array of objects. */
export function loadJsonArray(owner: string, text: string): JsonObject[] {
  const value = decodeJson(owner, text);
  return annotate(owner, () => readList(readObject)(value));
}

// ---- instance policies -------------------------------------------------------------------------------------------

const readISpec: Reader<ISpec> = (v) => {
  const o = readObject(v);
  return {
    memorySize: fromObj(o, "memory-size", readInt),
    cpuCount: fromObj(o, "cpu-count", readInt),
    diskSize: fromObj(o, "disk-size", readInt),
    diskCount: fromObj(o, "disk-count", readInt),
    nicCount: fromObj(o, "nic-count", readInt),
    spindleUse: fromObj(o, "spindle-use", readInt),
  };
};

const readMinMax: Reader<MinMaxISpecs> = (v) => {
  const o = readObject(v);
  return { min: fromObj(o, "min", readISpec), max: fromObj(o, "max", readISpec) };
};

/** A fully filled instance policy with Ganeti's JSON keys (`minmax`, `std`, `disk-templates`, `vcpu-ratio`, `spindle-ratio`). */
export const readIPolicy: Reader<IPolicy> = (v) => {
  const o = readObject(v);
  return {
    minmax: fromObj(o, "minmax", readList(readMinMax)),
    std: fromObj(o, "std", readISpec),
    diskTemplates: fromObj(o, "disk-templates", readList(readDiskTemplate)),
    vcpuRatio: fromObj(o, "vcpu-ratio", readDouble),
    spindleRatio: fromObj(o, "spindle-ratio", readDouble),
  };
};

/** Instance disks from parallel size and spindle lists (Ganeti zips them, dropping the longer list's tail). */
export function zipDisks(sizes: number[], spindles: Array<number | null>): Disk[] {
  const n = Math.min(sizes.length, spindles.length);
  return Array.from({ length: n }, (_, k) => ({ size: sizes[k]!, spindles: spindles[k]! }));
}
