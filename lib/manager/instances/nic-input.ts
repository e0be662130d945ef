// A new VM's network cards as the create request carries them, in Ganeti's RAPI shape ({network, mode, link, ip, mac}
// per NIC; one empty NIC takes the cluster's defaults). Each problem names the NIC, numbered from 0 as Ganeti and the
// VM page number them (nic/0).
import { z } from "zod";

export const NIC_MODES = ["bridged", "routed", "openvswitch"] as const;
export const MAX_NICS = 8;
const NIC_FIELDS = ["network", "mode", "link", "ip", "mac"] as const;

export type NicRequest = { network?: string; mode?: (typeof NIC_MODES)[number]; link?: string; ip?: string; mac?: string };

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
// A bridge or interface name, a routing table, or an Open vSwitch name (with an optional ":vlan").
const LINK = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export const isIpv4 = (text: string) => IPV4.test(text);

/** Problems of one NIC (its fields already trimmed, empty ones dropped), each starting with "NIC i:". */
export function nicProblems(nic: Record<string, unknown>, i: number): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const say = (field: string, text: string) => problems.push({ field, message: `NIC ${i}: ${text}` });
  const unknown = Object.keys(nic).filter((k) => !(NIC_FIELDS as readonly string[]).includes(k));
  if (unknown.length) say(unknown[0]!, `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (a NIC has network, mode, link, ip and mac).`);
  for (const key of NIC_FIELDS) if (nic[key] !== undefined && typeof nic[key] !== "string") say(key, `${key} must be text.`);
  if (problems.length) return problems;
  const { network, mode, link, ip, mac } = nic as NicRequest;
  if (network !== undefined && !NETWORK.test(network)) say("network", "network is the name of one of the cluster's networks.");
  if (mode !== undefined && !(NIC_MODES as readonly string[]).includes(mode)) say("mode", "mode is bridged, routed or openvswitch.");
  if (link !== undefined && !LINK.test(link)) say("link", "link is a bridge, routing table or switch name of letters, digits, '.', '_', ':' and '-' (at most 64), e.g. br0.");
  if (network !== undefined && (mode !== undefined || link !== undefined)) say("network", "with a network, leave mode and link out: the network's connection to the node group sets them.");
  if (ip === "pool") {
    if (network === undefined) say("ip", "IP \"pool\" takes an address from a network: choose the network, or give an address.");
  } else if (ip !== undefined && !isIpv4(ip)) {
    say("ip", `IP must be an IPv4 address such as 192.0.2.10${network !== undefined ? ', or "pool" for one from the network' : ""}.`);
  }
  if (mode === "routed" && ip === undefined && network === undefined) say("ip", "routed mode needs an IP address.");
  if (mac !== undefined && mac !== "auto" && mac !== "generate") {
    if (!MAC.test(mac)) say("mac", "MAC must be \"auto\" (or \"generate\") or an address such as aa:00:00:12:34:56.");
    else if (parseInt(mac.slice(0, 2), 16) & 1) say("mac", `MAC ${mac} is a multicast address: its first byte must be even, e.g. aa:00:00:12:34:56.`);
  }
  return problems;
}

/** A NIC's text fields trimmed (a MAC lower case), empty ones left out: "" means "the cluster's default". */
function normalise(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const text = typeof value === "string" ? value.trim() : value;
    if (text === "" || text === undefined || text === null) continue;
    out[key] = key === "mac" && typeof text === "string" ? text.toLowerCase() : text;
  }
  return out;
}

export const nicList = z
  .array(z.record(z.string(), z.unknown(), { message: "NICs: each NIC is an object such as {\"link\": \"br0\"} ({} for the cluster's defaults)." }), {
    message: "NICs: a list of network cards, e.g. [{}] for one with the cluster's defaults.",
  })
  .min(1, "NICs: a VM needs at least one network card ([{}] takes the cluster's defaults).")
  .max(MAX_NICS, `NICs: at most ${MAX_NICS}.`)
  .transform((nics, ctx) => {
    const out = nics.map(normalise);
    out.forEach((nic, i) => {
      for (const p of nicProblems(nic, i)) ctx.addIssue({ code: "custom", path: [i, p.field], message: p.message });
      const mac = nic.mac;
      const first = out.findIndex((other) => other.mac === mac);
      if (typeof mac === "string" && MAC.test(mac) && first < i) ctx.addIssue({ code: "custom", path: [i, "mac"], message: `NIC ${i}: MAC ${mac} is NIC ${first}'s too.` });
    });
    return out as NicRequest[];
  });
