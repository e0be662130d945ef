// OP_CLUSTER_SET_PARAMS, parameter side: hypervisors and their parameters (per cluster and per OS), OS parameters
// (checked against the master node's OS definitions), and the default backend, NIC, node and disk parameters.
// New values are merged into the cluster's, as Ganeti's FillDict does.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import { fillNicparams } from "../../objects/fill";
import { HYPERVISORS, type Cluster, type HypervisorName, type Params } from "../../objects/types";
import type { NodeRpcRunner } from "../../rpc/rpc-runner";
import { checkBeparams, checkHvparams } from "../instance/params-check";
import { updatedParams } from "../../objects/params";
import { checkNdparams, updatedDiskparams } from "./param-updates";

const GANETI_HYPERVISORS = ["kvm", "xen-pvm", "xen-hvm", "lxc", "chroot", "fake"];
const NIC_MODES = ["bridged", "routed", "openvswitch"];

export type ValuesRequest = {
  enabled_hypervisors?: string[] | null;
  hvparams?: Record<string, Params> | null;
  os_hvp?: Record<string, Record<string, Params | null>> | null;
  osparams?: Record<string, Params> | null;
  beparams?: Params | null;
  nicparams?: Params | null;
  ndparams?: Params | null;
  diskparams?: Record<string, Params> | null;
};

const given = (v: unknown): boolean => v !== null && v !== undefined && (typeof v !== "object" || Array.isArray(v) || Object.keys(v as object).length > 0);

export async function planValues(config: ConfigStore, rpc: NodeRpcRunner, p: ValuesRequest, warn: (line: string) => void): Promise<Partial<Cluster>> {
  const cluster = config.cluster;
  const changes: Partial<Cluster> = {};
  if (p.enabled_hypervisors !== null && p.enabled_hypervisors !== undefined) {
    changes.enabled_hypervisors = checkHypervisors(config, p.enabled_hypervisors);
    if (changes.enabled_hypervisors.some((hv) => hv !== "fake") && config.nodes().some((n) => n.transport === "virtual")) {
      warn("- WARNING: Virtual nodes run only the fake hypervisor; instances of other hypervisors need real hosts (workers/noded)");
    }
  }
  if (given(p.hvparams)) {
    const hvparams = structuredClone(cluster.hvparams);
    for (const [hv, params] of Object.entries(p.hvparams!)) {
      const name = knownHypervisor(hv);
      hvparams[name] = { ...hvparams[name], ...checkHvparams(name, params) };
    }
    changes.hvparams = hvparams;
  }
  if (given(p.os_hvp)) {
    const osHvp = structuredClone(cluster.os_hvp);
    for (const [os, perHv] of Object.entries(p.os_hvp!)) {
      const entry = (osHvp[os] ??= {});
      for (const [hv, params] of Object.entries(perHv)) {
        const name = knownHypervisor(hv);
        if (params === null) delete entry[name];
        else entry[name] = { ...entry[name], ...checkHvparams(name, params) };
      }
      if (!Object.keys(entry).length) delete osHvp[os];
    }
    changes.os_hvp = osHvp;
  }
  if (given(p.osparams)) changes.osparams = await planOsparams(config, rpc, p.osparams!);
  if (given(p.beparams)) changes.beparams = { default: { ...cluster.beparams.default, ...checkBeparams(p.beparams!) } };
  if (given(p.nicparams)) changes.nicparams = { default: planNicparams(config, p.nicparams!) };
  if (given(p.ndparams)) changes.ndparams = updatedParams(cluster.ndparams, checkNdparams(p.ndparams!, "cluster"));
  if (given(p.diskparams)) changes.diskparams = updatedDiskparams(cluster.diskparams, p.diskparams!);
  return changes;
}

function knownHypervisor(hv: string): HypervisorName {
  if (!GANETI_HYPERVISORS.includes(hv)) throw new OpPrereqError(`Unknown hypervisor '${hv}'`, "wrong_input");
  if (!HYPERVISORS.includes(hv as HypervisorName)) throw new OpPrereqError(`Hypervisor '${hv}' is not supported by Gantry (available: ${HYPERVISORS.join(", ")})`, "wrong_input");
  return hv as HypervisorName;
}

function checkHypervisors(config: ConfigStore, requested: string[]): HypervisorName[] {
  if (!requested.length) throw new OpPrereqError("Enabled hypervisors list must contain at least one member", "wrong_input");
  const invalid = requested.filter((hv) => !GANETI_HYPERVISORS.includes(hv));
  if (invalid.length) throw new OpPrereqError(`Enabled hypervisors contains invalid entries: ${invalid.join(", ")}`, "wrong_input");
  const enabled = [...new Set(requested.map(knownHypervisor))];
  // Gantry's addition: disabling a hypervisor that instances use would leave them unstartable.
  for (const instance of config.instances()) {
    if (!enabled.includes(instance.hypervisor)) {
      throw new OpPrereqError(`Cannot disable hypervisor '${instance.hypervisor}', because instance '${instance.name}' is using it`, "wrong_state");
    }
  }
  return enabled;
}

/** OS parameters: null removes one; the OS must exist on the master node and know every parameter. */
async function planOsparams(config: ConfigStore, rpc: NodeRpcRunner, update: Record<string, Params>): Promise<Record<string, Params>> {
  const master = config.masterNode();
  let definitions;
  try {
    definitions = await rpc.node(master.uuid).osDiagnose();
  } catch (error) {
    throw new OpPrereqError(`Can't check OS parameters on the master node ${master.name}: ${(error as Error).message}`, "environment_error");
  }
  const result = structuredClone(config.cluster.osparams);
  for (const [os, params] of Object.entries(update)) {
    const definition = definitions.find((d) => d.name === os.split("+")[0]);
    if (!definition) throw new OpPrereqError(`OS '${os}' not found on node ${master.name}`, "unknown_entity");
    const known = definition.parameters.map(([name]) => name);
    const unknown = Object.keys(params).filter((k) => !known.includes(k));
    if (unknown.length) throw new OpPrereqError(`OS ${os} does not accept the parameter(s) ${unknown.join(", ")} (known: ${known.join(", ") || "none"})`, "wrong_input");
    result[os] = updatedParams(result[os] ?? {}, params);
    if (!Object.keys(result[os]!).length) delete result[os];
  }
  return result;
}

/** Default NIC parameters; every instance NIC must stay valid with them (Ganeti checks routed NICs have an IP). */
function planNicparams(config: ConfigStore, update: Params): Params {
  for (const key of Object.keys(update)) {
    if (!["mode", "link", "vlan"].includes(key)) throw new OpPrereqError(`Unknown NIC parameter '${key}' (known: link, mode, vlan)`, "wrong_input");
  }
  const merged = { ...config.cluster.nicparams.default, ...Object.fromEntries(Object.entries(update).map(([k, v]) => [k, String(v)])) };
  const mode = String(merged.mode ?? "bridged");
  if (!NIC_MODES.includes(mode)) throw new OpPrereqError(`Invalid NIC mode '${mode}' (${NIC_MODES.join(", ")})`, "wrong_input");
  if (mode === "bridged" && !merged.link) throw new OpPrereqError("Missing bridged NIC link", "wrong_input");
  const errors: string[] = [];
  const cluster = { ...config.cluster, nicparams: { default: merged } };
  for (const instance of config.instances()) {
    instance.nics.forEach((nic, index) => {
      if (fillNicparams(cluster, nic).mode === "routed" && !nic.ip) errors.push(`Instance ${instance.name}, nic/${index}: routed NIC with no ip address`);
    });
  }
  if (errors.length) throw new OpPrereqError(`Cannot apply the change, errors:\n${errors.join("\n")}`, "wrong_input");
  return merged;
}
