// Updating parameter dictionaries as Ganeti does (GetUpdatedParams, ForceDictType): a change request merges into an
// object's own (custom) parameters, "default" or null dropping a custom value so the inherited one applies again.
import { OpPrereqError } from "../errors";
import type { Params } from "./types";

/** "default" (Ganeti's VALUE_DEFAULT) or null (the CLI's "-key") means: drop the custom value, use the default. */
export const isDefault = (value: unknown): boolean => value === null || value === "default";

export function updatedParams(old: Params, update: Params): Params {
  const result: Params = structuredClone(old);
  for (const [key, value] of Object.entries(update)) {
    if (isDefault(value)) delete result[key];
    else result[key] = value;
  }
  return result;
}

/** The changes without the resets, and the reset keys. */
export function splitResets(changes: Params): { values: Params; resets: string[] } {
  const values: Params = {};
  const resets: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (isDefault(value)) resets.push(key);
    else values[key] = value;
  }
  return { values, resets };
}

/** Coerces values to the type of the parameter's default, as ForceDictType does; unknown keys are refused. */
export function forceTypes(params: Params, defaults: Params, what: string): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (!(key in defaults)) {
      throw new OpPrereqError(`Unknown ${what} parameter '${key}' (known: ${Object.keys(defaults).sort().join(", ")})`, "wrong_input");
    }
    out[key] = coerce(key, value, defaults[key]);
  }
  return out;
}

function coerce(key: string, value: unknown, like: unknown): unknown {
  if (typeof like === "boolean") {
    if (typeof value === "boolean") return value;
    const text = String(value).toLowerCase();
    if (["true", "yes", "1", "on"].includes(text)) return true;
    if (["false", "no", "0", "off"].includes(text)) return false;
    throw new OpPrereqError(`Parameter '${key}' must be a boolean, not '${String(value)}'`, "wrong_input");
  }
  if (typeof like === "number") {
    const n = typeof value === "number" ? value : Number(value);
    if (typeof value === "boolean" || value === "" || !Number.isFinite(n)) {
      throw new OpPrereqError(`Parameter '${key}' must be a number, not '${String(value)}'`, "wrong_input");
    }
    return n;
  }
  if (typeof value === "object" && value !== null) throw new OpPrereqError(`Parameter '${key}' must be a string`, "wrong_input");
  return String(value);
}
