// Parameter changes of OP_INSTANCE_SET_PARAMS (beparams, hvparams, OS and OS parameters): checked and merged
// into the instance's own values up front, with Ganeti's change descriptions (be/maxmem, hv/..., os/...).
import { OpPrereqError } from "../../errors";
import { BEPARAM_DEFAULTS, HVPARAM_DEFAULTS } from "../../objects/defaults";
import type { Instance, Params } from "../../objects/types";
import type { OpContext } from "../definition";
import { checkNodeHasOs, checkOsParams } from "./os-check";
import { splitResets, updatedParams } from "../../objects/params";
import { checkBeparams, checkHvparams } from "./params-check";
import type { Change } from "./set-params-nics";
import type { SetParams } from "./set-params-params";

/** New custom beparams; `memory` stands for maxmem and minmem, listed in that order as Ganeti does. */
export function planBeparams(instance: Instance, raw: Params): { beparams: Params | null; changes: Change[] } {
  if (!Object.keys(raw).length) return { beparams: null, changes: [] };
  const { values, resets } = splitResets(raw);
  const checked = checkBeparams(values);
  const changes: Change[] = [];
  const merged: Params = {};
  for (const key of Object.keys(raw)) {
    const keys = key === "memory" ? ["maxmem", "minmem"] : [key];
    for (const k of keys) {
      if (!resets.includes(key)) {
        merged[k] = checked[k];
        changes.push([`be/${k}`, checked[k]]);
        continue;
      }
      if (!(k in BEPARAM_DEFAULTS)) throw new OpPrereqError(`Unknown backend parameter '${key}' (known: memory, ${Object.keys(BEPARAM_DEFAULTS).join(", ")})`, "wrong_input");
      merged[k] = null;
      changes.push([`be/${k}`, "default"]);
    }
  }
  const beparams = updatedParams(instance.beparams, merged);
  // The minimum may not pass the maximum, whichever of the two came from the defaults.
  checkBeparams({ minmem: beparams.minmem ?? BEPARAM_DEFAULTS.minmem, maxmem: beparams.maxmem ?? BEPARAM_DEFAULTS.maxmem });
  return { beparams, changes };
}

export function planHvparams(instance: Instance, raw: Params): { hvparams: Params | null; changes: Change[] } {
  if (!Object.keys(raw).length) return { hvparams: null, changes: [] };
  const { values, resets } = splitResets(raw);
  const checked = checkHvparams(instance.hypervisor, values);
  for (const key of resets) {
    if (!(key in (HVPARAM_DEFAULTS[instance.hypervisor] ?? {}))) throw new OpPrereqError(`Unknown hypervisor parameter '${key}' for ${instance.hypervisor}`, "wrong_input");
  }
  const changes: Change[] = Object.keys(raw).map((key) => [`hv/${key}`, resets.includes(key) ? "default" : checked[key]]);
  return { hvparams: updatedParams(instance.hvparams, { ...checked, ...Object.fromEntries(resets.map((k) => [k, null])) }), changes };
}

/** A new OS and OS parameters, checked against what the primary node offers. */
export async function planOs(ctx: OpContext, instance: Instance, p: SetParams): Promise<{ os: string | null; osparams: Params | null; osparamsPrivate: Params | null; changes: Change[] }> {
  const paramsChange =
    Object.keys(p.osparams).length > 0 || Object.keys(p.osparams_private).length > 0 || p.clear_osparams || p.clear_osparams_private ||
    p.remove_osparams.length > 0 || p.remove_osparams_private.length > 0;
  if (!p.os_name && !paramsChange) return { os: null, osparams: null, osparamsPrivate: null, changes: [] };
  const merge = (current: Params, clear: boolean, remove: string[], changes: Params) => {
    const base = clear ? {} : { ...current };
    for (const key of remove) delete base[key];
    return updatedParams(base, changes);
  };
  const osparams = merge(instance.osparams, p.clear_osparams, p.remove_osparams, p.osparams);
  const osparamsPrivate = merge(instance.osparams_private, p.clear_osparams_private, p.remove_osparams_private, p.osparams_private);
  const os = p.os_name ?? instance.os;
  // As Ganeti: --force skips checking a new OS on the node, but parameters are always validated against the OS.
  if (paramsChange || !p.force) {
    const definition = await checkNodeHasOs(ctx, ctx.config.node(instance.primary_node)!, os, p.force_variant);
    if (paramsChange) checkOsParams(definition, { ...osparams, ...osparamsPrivate });
  }
  const changes: Change[] = [];
  if (p.os_name) changes.push(["os", p.os_name]);
  for (const [key, value] of Object.entries(p.osparams)) changes.push([`os/${key}`, value]);
  // Private values stay out of job results, as Ganeti shows only a placeholder for them.
  for (const key of Object.keys(p.osparams_private)) changes.push([`os_private/${key}`, "<redacted>"]);
  return { os: p.os_name, osparams: paramsChange ? osparams : null, osparamsPrivate: paramsChange ? osparamsPrivate : null, changes };
}
