// Changing an instance policy (Ganeti's GetUpdatedIPolicy and InstancePolicy.CheckParameterSyntax): new values are
// merged into the old policy, checked (every spec complete, min <= std <= max), and the instances the change puts
// out of policy are named as a warning, as Ganeti does, not refused.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import { effectiveIpolicy } from "../../objects/fill";
import { DISK_TEMPLATES, type InstancePolicy, type ISpec, type NodeGroup } from "../../objects/types";
import { instanceShape, policyViolations } from "../instance/ipolicy";

const ISPEC_KEYS: Array<keyof ISpec> = ["memory-size", "cpu-count", "disk-size", "disk-count", "nic-count", "spindle-use"];
const POLICY_KEYS = ["minmax", "std", "disk-templates", "vcpu-ratio", "spindle-ratio"] as const;
const RATIO_KEYS = ["vcpu-ratio", "spindle-ratio"];
/** Ganeti's disk templates; Gantry implements DISK_TEMPLATES of them. */
const GANETI_TEMPLATES = ["diskless", "file", "sharedfile", "plain", "blockdev", "drbd", "rbd", "ext", "gluster"];

type Policy = Partial<InstancePolicy>;

/** Ganeti treats any false-y value (and ["default"]) as "back to the inherited value". */
const isReset = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === "" ||
  value === 0 ||
  value === false ||
  value === "default" ||
  (Array.isArray(value) && (value.length === 0 || (value.length === 1 && value[0] === "default"))) ||
  (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0);

export function updatedIpolicy(old: Policy, update: Record<string, unknown>, groupPolicy: boolean): Policy {
  const policy: Record<string, unknown> = structuredClone(old);
  for (const [key, value] of Object.entries(update)) {
    if (!POLICY_KEYS.includes(key as (typeof POLICY_KEYS)[number])) throw new OpPrereqError(`Invalid key in new ipolicy: ${key}`, "wrong_input");
    if (isReset(value)) {
      if (!groupPolicy) throw new OpPrereqError(`Can't set '${key}' to default at cluster level`, "wrong_input");
      delete policy[key];
    } else if (RATIO_KEYS.includes(key)) {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new OpPrereqError(`Invalid value for attribute '${key}': '${String(value)}', a positive number is required`, "wrong_input");
      policy[key] = n;
    } else if (key === "minmax") {
      if (!Array.isArray(value)) throw new OpPrereqError("Invalid instance policy: minmax must be a list of {min, max} specifications", "wrong_input");
      policy.minmax = value.map((pair: Record<string, unknown>) => Object.fromEntries(Object.entries(pair ?? {}).map(([k, spec]) => [k, numericSpec(spec, k)])));
    } else if (key === "std") {
      if (groupPolicy) throw new OpPrereqError("std cannot appear in group instance specs", "wrong_input");
      policy.std = { ...(old.std ?? {}), ...numericSpec(value, "std") };
    } else {
      if (!Array.isArray(value)) throw new OpPrereqError(`Invalid instance policy: ${key} must be a list`, "wrong_input");
      policy[key] = [...value];
    }
  }
  try {
    checkIpolicySyntax(policy as Policy, !groupPolicy);
  } catch (error) {
    throw new OpPrereqError(`Invalid instance policy: ${(error as Error).message}`, "wrong_input");
  }
  return policy as Policy;
}

function numericSpec(spec: unknown, name: string): Partial<ISpec> {
  if (!spec || typeof spec !== "object") throw new OpPrereqError(`Invalid instance policy: ${name} must be a specification`, "wrong_input");
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (!ISPEC_KEYS.includes(key as keyof ISpec)) throw new OpPrereqError(`Invalid instance policy: unknown parameter '${key}' in ${name} (known: ${ISPEC_KEYS.join(", ")})`, "wrong_input");
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new OpPrereqError(`Invalid instance policy: ${name} ${key} must be a whole number, not '${String(value)}'`, "wrong_input");
    out[key] = n;
  }
  return out as Partial<ISpec>;
}

/** Ganeti's CheckParameterSyntax; throws plain Errors with Ganeti's texts (the caller prefixes them). */
export function checkIpolicySyntax(policy: Policy, checkStd: boolean): void {
  if (policy.minmax) {
    if (checkStd && !policy.std) throw new Error("Missing key in ipolicy: std");
    if (checkStd) checkComplete(policy.std!, "std");
    if (!policy.minmax.length) throw new Error("Empty minmax specifications");
    let stdGood = false;
    for (const pair of policy.minmax) {
      const missing = ["min", "max"].filter((k) => !(k in pair));
      if (missing.length) throw new Error(`Missing instance specification: ${missing.join(", ")}`);
      checkComplete(pair.min, "min");
      checkComplete(pair.max, "max");
      let pairGood = true;
      for (const key of ISPEC_KEYS) {
        if (pair.min[key] > pair.max[key]) throw new Error(`Invalid specification of min/max values for ${key}: ${pair.min[key]}/${pair.max[key]}`);
        const std = policy.std?.[key] ?? pair.min[key];
        if (checkStd && (std < pair.min[key] || std > pair.max[key])) pairGood = false;
      }
      stdGood ||= pairGood;
    }
    if (!stdGood) throw new Error("Invalid std specifications");
  }
  const templates = policy["disk-templates"];
  if (templates) {
    if (!templates.length) throw new Error("Instance policy must contain at least one allowed disk template");
    const invalid = templates.filter((t) => !GANETI_TEMPLATES.includes(t));
    if (invalid.length) throw new Error(`Invalid disk template(s) ${invalid.join(", ")}`);
    const unsupported = templates.filter((t) => !DISK_TEMPLATES.includes(t));
    if (unsupported.length) throw new Error(`Disk template(s) ${unsupported.join(", ")} are not supported by Gantry`);
  }
}

function checkComplete(spec: Partial<ISpec>, name: string): void {
  const missing = ISPEC_KEYS.filter((k) => typeof spec?.[k] !== "number");
  if (missing.length) throw new Error(`Missing instance specs parameters for ${name}: ${missing.join(", ")}`);
}

/** Instances (with a node in `group`) that the new policy puts out of policy and the old one did not. */
export function newViolations(config: ConfigStore, group: NodeGroup, oldPolicy: InstancePolicy, newPolicy: InstancePolicy): string[] {
  const members = new Set(config.nodesOfGroup(group.uuid).map((n) => n.uuid));
  const names: string[] = [];
  for (const instance of config.instances()) {
    if (!config.instanceNodes(instance).some((n) => members.has(n))) continue;
    const shape = instanceShape(config, instance);
    if (policyViolations(newPolicy, shape).length && !policyViolations(oldPolicy, shape).length) names.push(instance.name);
  }
  return names;
}

/** The group's effective policy were the cluster's policy `clusterPolicy`. */
export const groupPolicyWith = (config: ConfigStore, group: NodeGroup, clusterPolicy: InstancePolicy, groupPolicy: Policy = group.ipolicy) =>
  effectiveIpolicy({ ...config.cluster, ipolicy: clusterPolicy }, { ...group, ipolicy: groupPolicy });
