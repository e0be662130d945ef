// NIC modifications of OP_INSTANCE_SET_PARAMS. NICs are configuration only (no node-side step without hotplug),
// so the whole new NIC list and Ganeti's change descriptions are computed up front, in the preconditions.
import { OpPrereqError } from "../../errors";
import { fillNicparams } from "../../objects/fill";
import { generateMac } from "../../objects/ids";
import type { Instance, Nic, Params } from "../../objects/types";
import type { OpContext } from "../definition";
import { addPosition, findPosition, nameValue, validateDeviceNames } from "./container-mods";
import { isDefault, updatedParams } from "../../objects/params";
import type { MacRegistry } from "../../objects/ids";
import { buildNics, nicIp, usedMacs } from "./params-check";
import type { Mod } from "./set-params-params";

export type Change = [string, unknown];

const MAX_NICS = 8;
const NIC_KEYS = new Set(["mac", "ip", "mode", "link", "vlan", "name", "network", "bridge"]);
const NIC_MODES = new Set(["bridged", "routed", "openvswitch"]);
const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

export function planNics(ctx: OpContext, instance: Instance, mods: Mod[]): { nics: Nic[] | null; changes: Change[] } {
  if (!mods.length) return { nics: null, changes: [] };
  const nics = instance.nics.map((nic) => structuredClone(nic));
  const taken = usedMacs(ctx.config);
  const changes: Change[] = [];
  for (const mod of mods) {
    checkKeys(mod.params);
    if (mod.op === "add") {
      const index = addPosition("NIC", mod.id, nics.length);
      const request = normaliseRequest(mod.params);
      const [nic] = buildNics(ctx.config, [request], taken);
      nics.splice(index, 0, nic!);
      const filled = fillNicparams(ctx.config.cluster, nic!);
      changes.push([`nic.${index}`, `add:mac=${nic!.mac},ip=${nic!.ip ?? "None"},mode=${filled.mode},link=${filled.link},network=${nic!.network ?? "None"}`]);
    } else if (mod.op === "remove") {
      const index = findPosition("NIC", mod.id, nics);
      nics.splice(index, 1);
      changes.push([`nic/${index}`, "remove"]);
    } else {
      const index = findPosition("NIC", mod.id, nics);
      changes.push(...modifyNic(ctx, nics[index]!, index, mod.params, taken));
    }
  }
  if (nics.length > MAX_NICS) throw new OpPrereqError(`Instance has too many network interfaces (${MAX_NICS}), cannot add more`, "wrong_state");
  validateDeviceNames("NIC", nics);
  return { nics, changes };
}

function checkKeys(params: Params): void {
  for (const key of Object.keys(params)) {
    if (!NIC_KEYS.has(key)) throw new OpPrereqError(`Unknown NIC parameter '${key}' (known: mac, ip, mode, link, vlan, name, network)`, "wrong_input");
  }
  if (params.mode !== undefined && params.mode !== null && params.mode !== "default" && !NIC_MODES.has(String(params.mode))) {
    throw new OpPrereqError(`Invalid NIC mode '${String(params.mode)}' (use bridged, routed or openvswitch)`, "wrong_input");
  }
  if (params.network !== undefined && nameValue(params.network) !== null) {
    throw new OpPrereqError("Networks are not supported yet; use mode and link", "wrong_input");
  }
}

function normaliseRequest(params: Params): Record<string, unknown> {
  const request: Record<string, unknown> = { ...params, ip: ipValue(params.ip), name: nameValue(params.name) };
  delete request.network;
  // A new NIC has no custom values to drop: "default" just means "take the cluster's".
  for (const key of ["mode", "link", "vlan", "bridge"]) if (isDefault(request[key])) delete request[key];
  return request;
}

const ipValue = (value: unknown): string | null => nicIp(nameValue(value));

/** Applies one modify to the working copy; returns Ganeti's change entries (nic.mac/0, nic.link/0, ...). */
function modifyNic(ctx: OpContext, nic: Nic, index: number, params: Params, taken: MacRegistry): Change[] {
  const changes: Change[] = [];
  if (params.mac !== undefined) {
    const requested = String(params.mac).toLowerCase();
    if (requested === "auto") throw new OpPrereqError("'auto' is not a valid MAC address when modifying an existing NIC", "wrong_input");
    let mac = requested;
    if (requested === "generate") mac = generateMac(ctx.config.cluster.mac_prefix, taken);
    else if (!MAC_RE.test(mac)) throw new OpPrereqError(`Invalid MAC address '${String(params.mac)}' for NIC ${index}`, "wrong_input");
    else if (mac !== nic.mac && taken.has(mac)) throw new OpPrereqError(`MAC address ${mac} already in use in cluster`, "already_exists");
    taken.add(mac);
    nic.mac = mac;
    changes.push([`nic.mac/${index}`, mac]);
  }
  if (params.ip !== undefined) {
    const ip = ipValue(params.ip);
    if (ip === "pool") throw new OpPrereqError(`NIC ${index}: ip=pool needs a network; networks are not supported yet`, "wrong_input");
    nic.ip = ip;
    changes.push([`nic.ip/${index}`, ip]);
  }
  if (params.name !== undefined) {
    nic.name = nameValue(params.name);
    changes.push([`nic.name/${index}`, nic.name]);
  }
  const nicparams: Params = {};
  if (params.mode !== undefined) nicparams.mode = params.mode;
  if (params.link !== undefined || params.bridge !== undefined) nicparams.link = params.link ?? params.bridge;
  if (params.vlan !== undefined) nicparams.vlan = params.vlan;
  if (Object.keys(nicparams).length) {
    nic.nicparams = updatedParams(nic.nicparams, nicparams);
    const filled = fillNicparams(ctx.config.cluster, nic);
    for (const key of Object.keys(nicparams)) changes.push([`nic.${key}/${index}`, filled[key]]);
  }
  return changes;
}
