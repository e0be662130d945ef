// An instance's status, derived as Ganeti does (src/Ganeti/Query/Instance.hs): the primary node offline first, then
// an unreachable node, then what the node reports against what the admin wants.
import type { Instance } from "../../objects/types";

export type InstanceStatus =
  | "running"
  | "ADMIN_down"
  | "ADMIN_offline"
  | "ERROR_up"
  | "ERROR_down"
  | "ERROR_nodedown"
  | "ERROR_nodeoffline"
  | "ERROR_wrongnode"
  | "USER_down";

/** What the nodes said: for each reachable node, the instances running there; unreachable nodes are absent. */
export type LiveData = { reachable: Map<string, Set<string>>; offline: Set<string> };

export function instanceStatus(instance: Instance, live: LiveData): InstanceStatus {
  if (live.offline.has(instance.primary_node)) return "ERROR_nodeoffline";
  const onPrimary = live.reachable.get(instance.primary_node);
  if (!onPrimary) return "ERROR_nodedown";
  if (onPrimary.has(instance.name)) return instance.admin_state === "up" ? "running" : "ERROR_up";
  for (const [node, names] of live.reachable) {
    if (node !== instance.primary_node && names.has(instance.name)) return "ERROR_wrongnode";
  }
  if (instance.admin_state === "up") return "ERROR_down";
  if (instance.admin_state === "offline") return "ADMIN_offline";
  return instance.admin_state_source === "user" ? "USER_down" : "ADMIN_down";
}

/** Statuses in which htools counts the instance's memory as used. */
export const USES_MEMORY: ReadonlySet<InstanceStatus> = new Set(["running", "ERROR_up", "ERROR_nodedown", "ERROR_nodeoffline", "ERROR_wrongnode"]);
