// Node and disk parameter checks (Ganeti's CheckParamsNotGlobal) for the node, group and cluster modify opcodes, and
// Python's str() of a value for their change lists. Generic merging and typing live in objects/params.ts.
import { OpPrereqError } from "../../errors";
import { DISKPARAM_DEFAULTS, NDPARAM_DEFAULTS } from "../../objects/defaults";
import { forceTypes, updatedParams } from "../../objects/params";
import type { Params } from "../../objects/types";

/** Node parameters that only the cluster or a group may set (Ganeti's NDC_GLOBALS). */
const ND_GLOBALS = ["exclusive_storage"];

export function checkNdparams(update: Params, level: "node" | "group" | "cluster"): Params {
  const typed = forceTypes(
    Object.fromEntries(Object.entries(update).filter(([, v]) => v !== "default")),
    NDPARAM_DEFAULTS,
    "node",
  );
  const globals = Object.keys(update).filter((k) => ND_GLOBALS.includes(k));
  if (level === "node" && globals.length) {
    throw new OpPrereqError(
      `The following node parameters are global and cannot be customized at node level, please modify them at cluster or group level: ${globals.join(", ")}`,
      "wrong_input",
    );
  }
  for (const key of ["spindle_count", "ssh_port"]) {
    const v = typed[key];
    if (typeof v === "number" && (!Number.isInteger(v) || v < 1)) throw new OpPrereqError(`Parameter '${key}' must be a positive whole number`, "wrong_input");
  }
  return { ...update, ...typed };
}

/** Per-template disk parameters: templates and keys must be known; "default" removes a key. */
export function updatedDiskparams(old: Record<string, Params>, update: Record<string, Params>): Record<string, Params> {
  const result = structuredClone(old);
  for (const [template, params] of Object.entries(update)) {
    const defaults = DISKPARAM_DEFAULTS[template];
    if (!defaults) throw new OpPrereqError(`Invalid disk template '${template}' in disk parameters (known: ${Object.keys(DISKPARAM_DEFAULTS).join(", ")})`, "wrong_input");
    const typed = forceTypes(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "default")), defaults, `${template} disk`);
    result[template] = updatedParams(result[template] ?? {}, { ...params, ...typed });
    if (!Object.keys(result[template]!).length) delete result[template];
  }
  return result;
}

/** Python's str() of JSON-like values, for Ganeti's change lists (e.g. "{'spindle_count': 2}"). */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  return pyRepr(value);
}

function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
}

/** True when a change parameter is absent (null, undefined, or an empty dictionary as RAPI clients send). */
export const absent = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0);
