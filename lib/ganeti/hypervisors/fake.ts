// The `fake` hypervisor (as Ganeti's hv_fake): an instance "runs" as a record on its node. Starting one needs its
// disks on the node and free memory there; migration reserves memory on the target first. Nothing executes; this
// is simulation for demos, tests and scale runs, and is named so everywhere.
import { HypervisorError } from "../errors";
import type { ConsoleAnswer, InstanceRunInfo, InstanceSpec } from "../rpc/node-rpc";
import type { VirtualNode } from "../node/virtual-node";
import type { RunningInstance } from "../node/virtual-node-state";
import { assembleDisk } from "../node/virtual-blockdev";

export async function startInstance(node: VirtualNode, spec: InstanceSpec): Promise<void> {
  const existing = node.state.instances[spec.name];
  if (existing?.state === "running") return; // already running: Ganeti treats a repeated start as done
  for (const disk of spec.disks) {
    if (disk.dev_type === "drbd" && disk.role !== "primary") {
      throw new HypervisorError(`Cannot start ${spec.name} on ${node.state.name}: its DRBD disks are not primary here`);
    }
    await assembleDisk(node, disk, true);
  }
  const free = node.memoryFree();
  if (spec.memory > free) {
    throw new HypervisorError(`Not enough memory on node ${node.state.name} to start ${spec.name}: needs ${spec.memory} MiB, ${free} MiB free`);
  }
  node.state.instances[spec.name] = record(spec, "running");
  await node.save();
}

/** What a node records of an instance it runs (or, "incoming", is about to receive). */
function record(spec: InstanceSpec, state: RunningInstance["state"]): RunningInstance {
  return {
    name: spec.name,
    state,
    hypervisor: spec.hypervisor,
    memory: spec.memory,
    vcpus: spec.vcpus,
    started: Date.now(),
    os: spec.os,
    disks: spec.disks.map((d) => d.uuid),
  };
}

export async function stopInstance(node: VirtualNode, name: string, why = "the instance was shut down"): Promise<void> {
  if (!node.state.instances[name]) return;
  delete node.state.instances[name];
  node.host.consoles.close(node.state.name, name, why);
  await node.save();
}

export async function rebootInstance(node: VirtualNode, spec: InstanceSpec, type: "soft" | "hard" | "full"): Promise<void> {
  const running = node.state.instances[spec.name];
  if (running?.state !== "running") throw new HypervisorError(`Cannot reboot ${spec.name}: it is not running on ${node.state.name}`);
  // As Ganeti's backend: a hard reboot is a stop and a start with the current configuration (new memory
  // included); only a soft reboot happens inside the guest and keeps what the instance runs with.
  if (type !== "soft") {
    await stopInstance(node, spec.name, `the instance was rebooted (${type})`);
    await startInstance(node, spec);
    return;
  }
  running.started = Date.now();
  node.host.consoles.softReboot(node.state.name, spec.name);
  await node.save();
}

/** Ganeti's BalloonInstanceMemory: the running instance gets `memory` MiB now, if the node has the difference free. */
export async function balloonInstance(node: VirtualNode, name: string, memory: number): Promise<void> {
  const running = node.state.instances[name];
  if (running?.state !== "running") throw new HypervisorError(`Cannot balloon ${name}: it is not running on ${node.state.name}`);
  const free = node.memoryFree();
  if (memory - running.memory > free) {
    throw new HypervisorError(`Not enough memory on node ${node.state.name} to give ${name} ${memory} MiB: needs ${memory - running.memory} MiB more, ${free} MiB free`);
  }
  running.memory = memory;
  await node.save();
}

/** Target side of a live migration: reserve the memory before the source sends anything. */
export async function acceptInstance(node: VirtualNode, spec: InstanceSpec): Promise<void> {
  if (node.state.instances[spec.name]?.state === "running") throw new HypervisorError(`${spec.name} is already running on ${node.state.name}`);
  const free = node.memoryFree();
  if (spec.memory > free) {
    throw new HypervisorError(`Not enough memory on node ${node.state.name} to accept ${spec.name}: needs ${spec.memory} MiB, ${free} MiB free`);
  }
  node.state.instances[spec.name] = record(spec, "incoming");
  await node.save();
}

export async function sendInstance(node: VirtualNode, spec: InstanceSpec, target: string): Promise<void> {
  if (node.state.instances[spec.name]?.state !== "running") throw new HypervisorError(`${spec.name} is not running on ${node.state.name}`);
  const peer = node.host.get(target);
  if (!peer?.state.powered) throw new HypervisorError(`Migration of ${spec.name} failed: target node ${target} does not answer`);
  if (peer.state.instances[spec.name]?.state !== "incoming") {
    throw new HypervisorError(`Migration of ${spec.name} failed: ${target} is not waiting for it`);
  }
}

export async function finalizeMigration(node: VirtualNode, spec: InstanceSpec, role: "source" | "target", success: boolean): Promise<void> {
  const record = node.state.instances[spec.name];
  if (role === "target") {
    if (success && record) record.state = "running";
    else if (record?.state === "incoming") delete node.state.instances[spec.name];
  } else if (success) {
    delete node.state.instances[spec.name];
    // The target opens its own console when asked.
    node.host.consoles.close(node.state.name, spec.name, "the instance migrated away");
  }
  await node.save();
}

/** The VNC console of an instance running here, opened now unless it is open; null if it does not run here. */
export async function instanceConsole(node: VirtualNode, name: string): Promise<ConsoleAnswer> {
  const running = node.state.instances[name];
  if (running?.state !== "running") return null;
  try {
    return await node.host.consoles.open(node.state.name, { name, os: running.os, memory: running.memory, vcpus: running.vcpus });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * What runs on the node, as frozen records whose uptime is computed when read: VirtualNode keeps them until its state
 * changes, since a masterd of 1,000 nodes asks all of them on every instance query.
 */
export function runInfo(node: VirtualNode): readonly InstanceRunInfo[] {
  const runs: InstanceRunInfo[] = [];
  for (const i of Object.values(node.state.instances)) if (i.state === "running") runs.push(runRecord(i));
  return Object.freeze(runs);
}

function runRecord(i: RunningInstance): InstanceRunInfo {
  const started = i.started;
  return Object.freeze({
    name: i.name,
    state: "running" as const,
    memory: i.memory,
    vcpus: i.vcpus,
    get time() {
      return (Date.now() - started) / 1000;
    },
  });
}
