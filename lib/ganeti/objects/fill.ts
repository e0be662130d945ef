// Effective parameters: Ganeti's layering of defaults, cluster, group, OS and object values.
import { BEPARAM_DEFAULTS, HVPARAM_DEFAULTS, IPOLICY_DEFAULTS, NDPARAM_DEFAULTS, NICPARAM_DEFAULTS } from "./defaults";
import type { Cluster, Instance, InstancePolicy, Nic, Node, NodeGroup, Params } from "./types";

export type FilledBeparams = {
  minmem: number;
  maxmem: number;
  vcpus: number;
  auto_balance: boolean;
  always_failover: boolean;
  spindle_use: number;
};

export function fillBeparams(cluster: Cluster, instance: Pick<Instance, "beparams">): FilledBeparams {
  return { ...BEPARAM_DEFAULTS, ...cluster.beparams.default, ...normaliseBeparams(instance.beparams) } as FilledBeparams;
}

/** `memory` is Ganeti's legacy alias that sets both minmem and maxmem. */
export function normaliseBeparams(beparams: Params): Params {
  if (!("memory" in beparams)) return beparams;
  const { memory, ...rest } = beparams;
  return { minmem: memory, maxmem: memory, ...rest };
}

export function fillHvparams(cluster: Cluster, instance: Pick<Instance, "hypervisor" | "os" | "hvparams">): Params {
  return {
    ...HVPARAM_DEFAULTS[instance.hypervisor],
    ...cluster.hvparams[instance.hypervisor],
    ...cluster.os_hvp[instance.os]?.[instance.hypervisor],
    ...instance.hvparams,
  };
}

export function fillNdparams(cluster: Cluster, group: NodeGroup | undefined, node: Node): Params {
  return { ...NDPARAM_DEFAULTS, ...cluster.ndparams, ...group?.ndparams, ...node.ndparams };
}

export function fillNicparams(cluster: Cluster, nic: Pick<Nic, "nicparams">): Params {
  return { ...NICPARAM_DEFAULTS, ...cluster.nicparams.default, ...nic.nicparams };
}

export function effectiveIpolicy(cluster: Cluster, group: NodeGroup | undefined): InstancePolicy {
  return { ...IPOLICY_DEFAULTS, ...cluster.ipolicy, ...group?.ipolicy } as InstancePolicy;
}
