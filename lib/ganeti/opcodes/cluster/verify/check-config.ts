// Cluster verify, configuration part (Ganeti's OP_CLUSTER_VERIFY_CONFIG): the configuration is consistent in
// itself: the master exists, every reference (group, node, disk) points at an object, no disk is orphaned, DRBD
// ports and minors are unique, hypervisor parameters are well-formed and the candidate pool is full.
import type { ConfigStore } from "../../../config/config-store";
import { checkIpolicySyntax } from "../ipolicy-update";
import { checkHvparams } from "../../instance/params-check";
import { candidateStats } from "../../node/candidate-pool";
import { CV, type VerifyReporter } from "./reporter";

export function checkConfig(config: ConfigStore, r: VerifyReporter): void {
  const messages: string[] = [];
  const { data, cluster } = config;
  const master = data.nodes[cluster.master_node];
  if (!master) messages.push(`cluster has invalid primary node '${cluster.master_node}'`);
  else if (!master.master_candidate) messages.push(`the master node ${master.name} is not a master candidate`);

  const referenced = new Set<string>();
  for (const instance of config.instances()) {
    if (!data.nodes[instance.primary_node]) messages.push(`instance '${instance.name}' has invalid primary node '${instance.primary_node}'`);
    for (const uuid of instance.disks) {
      const disk = data.disks[uuid];
      if (!disk) {
        messages.push(`instance '${instance.name}' has invalid disk '${uuid}'`);
        continue;
      }
      referenced.add(uuid);
      for (const node of disk.nodes) if (!data.nodes[node]) messages.push(`disk ${disk.iv_name} of instance '${instance.name}' is on unknown node '${node}'`);
      if (disk.nodes[0] !== instance.primary_node) messages.push(`disk ${disk.iv_name} of instance '${instance.name}' does not live on the instance's primary node`);
      if (disk.dev_type === "drbd" && disk.children.length !== 2) messages.push(`drbd disk ${disk.iv_name} of instance '${instance.name}' needs a data and a metadata volume`);
    }
  }
  for (const disk of Object.values(data.disks)) if (!referenced.has(disk.uuid)) messages.push(`disk ${disk.uuid} (${disk.iv_name}) is not used by any instance`);

  const ports = new Map<number, string[]>();
  const minors = new Map<string, string[]>();
  for (const instance of config.instances()) {
    if (instance.network_port !== null) ports.set(instance.network_port, [...(ports.get(instance.network_port) ?? []), `instance ${instance.name}`]);
    for (const disk of config.instanceDisks(instance)) {
      if (disk.dev_type !== "drbd") continue;
      const [a, b, port, minorA, minorB] = disk.logical_id as [string, string, number, number, number];
      ports.set(port, [...(ports.get(port) ?? []), `${instance.name}/${disk.iv_name}`]);
      for (const [node, minor] of [[a, minorA], [b, minorB]] as const) {
        const key = `${data.nodes[node]?.name ?? node}/${minor}`;
        minors.set(key, [...(minors.get(key) ?? []), `${instance.name}/${disk.iv_name}`]);
      }
    }
  }
  for (const [port, users] of ports) if (users.length > 1) messages.push(`tcp/udp port ${port} has duplicates: ${users.join(", ")}`);
  for (const [key, users] of minors) {
    const [node, minor] = key.split("/");
    if (users.length > 1) messages.push(`DRBD minor ${minor} on node ${node} is used by more than one disk: ${users.join(", ")}`);
  }

  const macs = new Map<string, string[]>();
  for (const instance of config.instances()) for (const nic of instance.nics) macs.set(nic.mac, [...(macs.get(nic.mac) ?? []), instance.name]);
  for (const [mac, users] of macs) if (users.length > 1) messages.push(`MAC address ${mac} is used by more than one NIC: ${users.join(", ")}`);

  try {
    checkIpolicySyntax(cluster.ipolicy, true);
  } catch (error) {
    messages.push(`invalid instance policy: ${(error as Error).message}`);
  }
  const { now, should } = candidateStats(config);
  if (now < should) messages.push(`Not enough master candidates: actual ${now}, target ${should}`);
  for (const message of messages) r.error(CV.ECLUSTERCFG, null, message);
  r.errorIf(false, CV.ECLUSTERCFG, null, "simulated configuration error");
}

/** Ganeti's _VerifyHVP: the parameters of each enabled hypervisor, per cluster, OS and instance. */
export function checkHypervisorParams(config: ConfigStore, r: VerifyReporter): void {
  const check = (source: string, hv: string, params: Record<string, unknown>) => {
    try {
      checkHvparams(hv as never, params);
    } catch (error) {
      r.error(CV.ECLUSTERCFG, null, `hypervisor ${hv} parameters syntax check (source ${source}): ${(error as Error).message}`);
    }
  };
  for (const hv of config.cluster.enabled_hypervisors) check("cluster", hv, config.cluster.hvparams[hv] ?? {});
  for (const [os, perHv] of Object.entries(config.cluster.os_hvp)) for (const [hv, params] of Object.entries(perHv)) check(`os ${os}`, hv, params);
  for (const instance of config.instances()) if (Object.keys(instance.hvparams).length) check(`instance ${instance.name}`, instance.hypervisor, instance.hvparams);
}

/** Nodes in a group that does not exist, and instances whose primary node does not exist. */
export function checkDangling(config: ConfigStore, r: VerifyReporter): void {
  const dangling = config.nodes().filter((n) => !config.group(n.group));
  const pretty = dangling.map((n) => `${n.name} (${config.primaryInstancesOf(n.uuid).map((i) => i.name).join(", ")})`);
  r.errorIf(dangling.length, CV.ECLUSTERDANGLINGNODES, null, `the following nodes (and their instances) belong to a non existing group: ${pretty.join(", ")}`);
  const homeless = config.instances().filter((i) => !config.node(i.primary_node));
  r.errorIf(homeless.length, CV.ECLUSTERDANGLINGINST, null, `the following instances have a non-existing primary-node: ${homeless.map((i) => i.name).join(", ")}`);
}
