// Checking and normalising instance parameters (beparams, hvparams, NICs, disk sizes) with Ganeti's messages.
import net from "node:net";
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError, ParameterError } from "../../errors";
import { BEPARAM_DEFAULTS, HVPARAM_CHOICES, HVPARAM_DEFAULTS } from "../../objects/defaults";
import { fillNicparams, normaliseBeparams } from "../../objects/fill";
import { forceTypes } from "../../objects/params";
import { generateMac, newUuid, type MacRegistry } from "../../objects/ids";
import type { HypervisorName, Nic, Params } from "../../objects/types";
import { parseUnit } from "../../objects/units";

const BE_TYPES: Record<string, "size" | "int" | "bool"> = {
  minmem: "size",
  maxmem: "size",
  vcpus: "int",
  auto_balance: "bool",
  always_failover: "bool",
  spindle_use: "int",
};

/** Checks names and types, turns "1G" into MiB and `memory` into minmem/maxmem. */
export function checkBeparams(raw: Params): Params {
  const beparams = normaliseBeparams(raw);
  const out: Params = {};
  for (const [key, value] of Object.entries(beparams)) {
    const type = BE_TYPES[key];
    if (!type) throw new OpPrereqError(`Unknown backend parameter '${key}' (known: memory, ${Object.keys(BEPARAM_DEFAULTS).join(", ")})`, "wrong_input");
    out[key] = coerce(key, value, type);
  }
  if (typeof out.minmem === "number" && typeof out.maxmem === "number" && out.minmem > out.maxmem) {
    throw new OpPrereqError(`Minimum memory (${out.minmem}) must not be greater than maximum memory (${out.maxmem})`, "wrong_input");
  }
  return out;
}

/** Known names, the defaults' types, and the values of the parameters that have a fixed set (as Ganeti's hypervisors check). */
export function checkHvparams(hypervisor: HypervisorName, raw: Params): Params {
  const params = forceTypes(raw, HVPARAM_DEFAULTS[hypervisor] ?? {}, "hypervisor");
  for (const [key, value] of Object.entries(params)) {
    const choices = HVPARAM_CHOICES[hypervisor]?.[key];
    if (choices && !choices.includes(String(value))) {
      throw new OpPrereqError(`Parameter '${key}' fails syntax check: must be one of ${choices.filter(Boolean).join(", ")} (current value: '${String(value)}')`, "wrong_input");
    }
  }
  return params;
}

function coerce(key: string, value: unknown, type: "size" | "int" | "bool"): number | boolean {
  if (type === "bool") {
    if (typeof value === "boolean") return value;
    if (["true", "yes", "1", "on"].includes(String(value).toLowerCase())) return true;
    if (["false", "no", "0", "off"].includes(String(value).toLowerCase())) return false;
    throw new OpPrereqError(`Parameter '${key}' must be a boolean (got ${JSON.stringify(value)})`, "wrong_input");
  }
  if (type === "size") {
    try {
      return sizeInMiB(value);
    } catch (error) {
      throw new OpPrereqError(`Parameter '${key}': ${(error as ParameterError).message}`, "wrong_input");
    }
  }
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < 0) throw new OpPrereqError(`Parameter '${key}' must be a non-negative whole number (got ${JSON.stringify(value)})`, "wrong_input");
  return n;
}

/**
 * A size in MiB: a whole number as is, anything else through Ganeti's ParseUnit ("10G", "1.5"), which refuses
 * negative, non-finite and exponent forms ("-1", "1e+300", "Infinity") as Ganeti's ForceDictType does.
 */
function sizeInMiB(value: unknown): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : parseUnit(String(value));
}

export function diskSize(value: unknown, index: number): number {
  if (value === undefined || value === null) throw new OpPrereqError(`Missing disk size for disk ${index}`, "wrong_input");
  try {
    const size = sizeInMiB(value);
    if (size <= 0) throw new ParameterError("must be positive");
    return size;
  } catch (error) {
    throw new OpPrereqError(`Invalid disk size for disk ${index}: ${(error as Error).message}`, "wrong_input");
  }
}

const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/**
 * Builds NIC objects: MACs generated under the cluster prefix (or checked when given), IPs checked, mode and link as
 * nicparams. As Ganeti's ComputeNics: a routed NIC needs an IP address (its mode as given, else the cluster's).
 */
export function buildNics(config: ConfigStore, requests: Array<Record<string, unknown>>, taken = usedMacs(config)): Nic[] {
  return requests.map((request, index) => {
    let mac = String(request.mac ?? "auto").toLowerCase();
    if (mac === "auto" || mac === "generate") mac = generateMac(config.cluster.mac_prefix, taken);
    else if (!MAC_RE.test(mac)) throw new OpPrereqError(`Invalid MAC address '${request.mac}' for NIC ${index}`, "wrong_input");
    else if (taken.has(mac)) throw new OpPrereqError(`MAC address ${mac} already in use in cluster`, "already_exists");
    taken.add(mac);
    const ip = nicIp(request.ip);
    if (ip === "pool") throw new OpPrereqError(`NIC ${index}: ip=pool needs a network; networks are not supported yet`, "wrong_input");
    if (request.network) throw new OpPrereqError(`NIC ${index}: networks are not supported yet; use mode and link`, "wrong_input");
    const nicparams: Params = {};
    if (request.mode) nicparams.mode = request.mode;
    const link = request.link ?? request.bridge;
    if (link) nicparams.link = link;
    if (request.vlan) nicparams.vlan = request.vlan;
    if (!ip && fillNicparams(config.cluster, { nicparams }).mode === "routed") {
      throw new OpPrereqError(`Routed nic mode requires an ip address if not attached to a network (NIC ${index})`, "wrong_input");
    }
    return { uuid: newUuid(), mac, ip, name: (request.name as string | null | undefined) ?? null, network: null, nicparams };
  });
}

/** A NIC's IP as Ganeti takes it: none ("none", empty), "pool", or a valid IPv4 or IPv6 address. */
export function nicIp(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const ip = String(value).trim();
  if (!ip || ip.toLowerCase() === "none") return null;
  if (ip.toLowerCase() === "pool") return "pool";
  if (!net.isIP(ip)) throw new OpPrereqError(`Invalid IP address '${ip}'`, "wrong_input");
  return ip;
}

/** A job's view of the MACs in use: the configuration's index, plus what this job adds. */
export function usedMacs(config: ConfigStore): MacRegistry {
  const added = new Set<string>();
  return { has: (mac) => added.has(mac) || config.macInUse(mac), add: (mac) => void added.add(mac) };
}
