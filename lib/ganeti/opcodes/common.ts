// Pieces most opcodes share: locks by object, precondition checks with Ganeti's messages, and the InstanceSpec a
// node needs to act on an instance.
import path from "node:path";
import { z } from "zod";
import type { ConfigStore } from "../config/config-store";
import { OpPrereqError } from "../errors";
import { instanceVncPassword, readVncClusterPassword } from "../hypervisors/vnc-cluster-password";
import type { LockMode, LockSpec } from "../jobs/locks";
import { fillBeparams, fillHvparams, fillNicparams } from "../objects/fill";
import type { Disk, HypervisorName, Instance, Node } from "../objects/types";
import type { DiskSpec, InstanceSpec } from "../rpc/node-rpc";

export const instanceLock = (uuid: string, mode: LockMode = "exclusive"): LockSpec => ({ level: "instance", name: uuid, mode });
export const nodeLock = (uuid: string, mode: LockMode = "exclusive"): LockSpec => ({ level: "node", name: uuid, mode });
export const groupLock = (uuid: string, mode: LockMode = "exclusive"): LockSpec => ({ level: "nodegroup", name: uuid, mode });
export const nodeLocks = (uuids: Iterable<string>, mode: LockMode = "exclusive"): LockSpec[] => [...new Set(uuids)].map((u) => nodeLock(u, mode));

/** Shared locks on every node, plus the set lock that keeps nodes from being added or removed meanwhile. */
export const allNodeLocks = (config: ConfigStore, mode: LockMode = "shared"): LockSpec[] => [
  { level: "node", name: "[set]", mode: "shared" },
  ...config.nodes().map((n) => nodeLock(n.uuid, mode)),
];

export const instanceNameParam = z.string().min(1, "an instance name is required");
export const nodeNameParam = z.string().min(1, "a node name is required");
export const shutdownTimeout = z.number().int().min(0).default(120);

export function requireInstance(config: ConfigStore, name: string): Instance {
  return config.instance(config.expandName("instance", name))!;
}

export function requireNode(config: ConfigStore, name: string): Node {
  return config.node(config.expandName("node", name))!;
}

export function checkNodeOnline(node: Node, what = "this operation"): void {
  if (node.offline) throw new OpPrereqError(`Can't use offline node ${node.name} for ${what}`, "wrong_state");
}

export function checkNodeNotDrained(node: Node): void {
  if (node.drained) throw new OpPrereqError(`Can't use drained node ${node.name}`, "wrong_state");
}

export function checkNodeVmCapable(node: Node): void {
  if (!node.vm_capable) throw new OpPrereqError(`Can't use non-vm_capable node ${node.name}`, "wrong_state");
}

/**
 * Gantry: which hypervisor a node can run. A virtual node simulates fake instances only; a real host's noded runs
 * kvm only. Clusters may mix both kinds; instances go only where their hypervisor runs.
 */
export function nodeRunsHypervisor(node: Node, hypervisor: HypervisorName): boolean {
  return node.transport === "virtual" ? hypervisor === "fake" : hypervisor === "kvm";
}

/** The nodes an instance cannot move to because they do not run its hypervisor (excluded from hail's choices). */
export function nodesUnfitFor(config: ConfigStore, instance: Instance): string[] {
  return config.nodes().filter((n) => !nodeRunsHypervisor(n, instance.hypervisor)).map((n) => n.uuid);
}

export function checkNodeRunsHypervisor(node: Node, hypervisor: HypervisorName): void {
  if (nodeRunsHypervisor(node, hypervisor)) return;
  const kind = node.transport === "virtual" ? "a virtual node, which runs only fake instances" : "a real host (noded), which runs only kvm instances";
  throw new OpPrereqError(`Node ${node.name} cannot run ${hypervisor} instances: it is ${kind}`, "wrong_input");
}

export function checkInstanceState(instance: Instance, want: "down" | "not-offline", action: string): void {
  if (want === "down" && instance.admin_state === "up") {
    throw new OpPrereqError(`Instance ${instance.name} is marked to be up, cannot ${action}`, "wrong_state");
  }
  if (want === "not-offline" && instance.admin_state === "offline") {
    throw new OpPrereqError(`Instance ${instance.name} is marked offline, cannot ${action}`, "wrong_state");
  }
}

/** How a disk looks from one of its nodes: drbd gets this node's role and the peer's name. */
export function diskSpecFor(config: ConfigStore, disk: Disk, nodeUuid: string, primaryUuid: string): DiskSpec {
  const spec: DiskSpec = {
    uuid: disk.uuid,
    dev_type: disk.dev_type,
    size: disk.size,
    logical_id: disk.logical_id,
    iv_name: disk.iv_name,
    children: disk.children.map((child) => diskSpecFor(config, child, nodeUuid, primaryUuid)),
  };
  if (disk.dev_type === "drbd") {
    const [firstNode, , , firstMinor, secondMinor] = disk.logical_id as [string, string, number, number, number];
    const peer = disk.nodes.find((n) => n !== nodeUuid);
    spec.role = nodeUuid === primaryUuid ? "primary" : "secondary";
    spec.peer = peer ? config.node(peer)?.name : undefined;
    // Minors belong to nodes (by position in logical_id), not to roles: roles swap on migration, minors do not.
    spec.minor = nodeUuid === firstNode ? firstMinor : secondMinor;
  }
  return spec;
}

export function instanceSpec(config: ConfigStore, instance: Instance, nodeUuid = instance.primary_node): InstanceSpec {
  const be = fillBeparams(config.cluster, instance);
  return {
    name: instance.name,
    uuid: instance.uuid,
    hypervisor: instance.hypervisor,
    memory: be.maxmem,
    vcpus: be.vcpus,
    hvparams: fillHvparams(config.cluster, instance),
    os: instance.os,
    osparams: { ...instance.osparams, ...instance.osparams_private },
    disks: config.instanceDisks(instance).map((disk) => diskSpecFor(config, disk, nodeUuid, instance.primary_node)),
    nics: instance.nics.map((nic) => {
      const params = fillNicparams(config.cluster, nic);
      return { mac: nic.mac, ip: nic.ip, mode: String(params.mode), link: String(params.link) };
    }),
    network_port: instance.network_port,
    ...(instance.hypervisor === "kvm" ? { vnc_password: instanceVncPassword(readVncClusterPassword(path.dirname(config.file)), instance.uuid) } : {}),
  };
}

export const nodeName = (config: ConfigStore, uuid: string) => config.node(uuid)?.name ?? uuid;
