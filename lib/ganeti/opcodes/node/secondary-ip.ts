// Changing a node's secondary IP (the DRBD replication address), with Ganeti's rules: a single-homed cluster
// (master without a separate secondary IP) becomes multi-homed only from the master with --force, and the DRBD
// instances using the address must be stopped (their devices are bound to it).
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { Instance, Node } from "../../objects/types";
import { checkInstanceState } from "../common";

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** DRBD instances with a disk on the node (they use its secondary IP). */
export function drbdInstancesOn(config: ConfigStore, nodeUuid: string): Instance[] {
  return config.instances().filter((i) => i.disk_template === "drbd" && config.instanceNodes(i).includes(nodeUuid));
}

export function checkSecondaryIp(config: ConfigStore, node: Node, ip: string, force: boolean, log: (line: string) => void): void {
  if (!IPV4_RE.test(ip)) throw new OpPrereqError(`Secondary IP (${ip}) needs to be a valid IPv4 address`, "wrong_input");
  const master = config.masterNode();
  const singleHomed = master.secondary_ip === master.primary_ip;
  if (singleHomed && ip !== node.primary_ip) {
    if (!(force && node.uuid === master.uuid)) {
      throw new OpPrereqError(
        "Changing the secondary ip on a single-homed cluster requires the --force option to be passed, and the target node to be the master",
        "wrong_input",
      );
    }
    log("- WARNING: Transitioning from single-homed to multi-homed cluster; all nodes will require a secondary IP address");
  } else if (!singleHomed && ip === node.primary_ip) {
    if (!(force && node.uuid === master.uuid)) {
      throw new OpPrereqError(
        "Cannot set the secondary IP to be the same as the primary IP on a multi-homed cluster, unless the --force option is passed, and the target node is the master",
        "wrong_input",
      );
    }
    log("- WARNING: Transitioning from multi-homed to single-homed cluster; secondary IP addresses will have to be removed");
  }
  const clash = config.nodes().find((n) => n.uuid !== node.uuid && (n.primary_ip === ip || n.secondary_ip === ip));
  if (clash) throw new OpPrereqError(`IP address ${ip} is already used by node ${clash.name}`, "already_exists");

  const affected = drbdInstancesOn(config, node.uuid);
  if (node.offline) {
    if (affected.length) {
      throw new OpPrereqError(
        `Cannot change secondary IP address: offline node has instances (${affected.map((i) => i.name).join(", ")}) configured to use it`,
        "wrong_state",
      );
    }
    return;
  }
  for (const instance of affected) checkInstanceState(instance, "down", "change secondary ip");
  // A virtual node takes whatever address it is given; a real host would be asked whether it has the address.
}
