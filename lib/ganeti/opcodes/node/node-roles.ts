// A node's role as Ganeti's LUNodeSetParams computes it: the flags (master_candidate, drained, offline) allow one
// role at a time (candidate, drained, offline or regular); a requested flag change becomes a new role, and the
// other flags follow it. The change list says why each flag changed, in Ganeti's words.
import type { Node } from "../../objects/types";

export const ROLE_FLAGS = ["master_candidate", "drained", "offline"] as const;
export type RoleFlag = (typeof ROLE_FLAGS)[number];
export type Flags = Record<RoleFlag, boolean>;
type Request = Partial<Record<RoleFlag, boolean | null>> & { master_capable?: boolean | null };

export type RoleChange = {
  oldFlags: Flags;
  newFlags: Flags;
  /** The node promoted itself because it became eligible and the pool is short. */
  autoPromoted: boolean;
  /** [flag, value or reason] for each flag that changes, requested ones first. */
  changes: Array<[RoleFlag, string]>;
};

const flagsOf = (node: Node): Flags => ({ master_candidate: node.master_candidate, drained: node.drained, offline: node.offline });

/**
 * Computes the node's new flags. `selfPromote` says whether the pool needs this node once it is eligible again;
 * `log` receives Ganeti's info lines.
 */
export function computeRoleChange(node: Node, request: Request, selfPromote: () => boolean, log: (line: string) => void): RoleChange {
  const oldFlags = flagsOf(node);
  const wanted: Partial<Record<RoleFlag, boolean | null>> = {};
  for (const flag of ROLE_FLAGS) wanted[flag] = request[flag] ?? null;

  // Unsetting a flag that is not set changes nothing.
  for (const flag of ROLE_FLAGS) {
    if (wanted[flag] === false && !oldFlags[flag]) {
      log(`- INFO: Ignoring request to unset flag ${flag}, already unset`);
      wanted[flag] = null;
    }
  }
  const requested = { ...wanted };

  let autoPromoted = false;
  const becomesEligible = wanted.drained === false || wanted.offline === false || (request.master_capable === true && !node.master_capable);
  const anotherRole = ROLE_FLAGS.some((f) => wanted[f] === true);
  if (becomesEligible && !anotherRole && !oldFlags.master_candidate && selfPromote()) {
    wanted.master_candidate = true;
    autoPromoted = true;
    log("- INFO: Auto-promoting node to master candidate");
  }
  if (request.master_capable === false && oldFlags.master_candidate) {
    log("- INFO: Demoting from master candidate");
    wanted.master_candidate = false;
  }

  let newFlags: Flags;
  if (wanted.master_candidate) newFlags = { master_candidate: true, drained: false, offline: false };
  else if (wanted.drained) newFlags = { master_candidate: false, drained: true, offline: false };
  else if (wanted.offline) newFlags = { master_candidate: false, drained: false, offline: true };
  else if (ROLE_FLAGS.some((f) => wanted[f] === false)) newFlags = { master_candidate: false, drained: false, offline: false };
  else newFlags = oldFlags;

  const changed = ROLE_FLAGS.filter((f) => oldFlags[f] !== newFlags[f]);
  const isRequested = (f: RoleFlag) => requested[f] !== null && requested[f] === newFlags[f];
  const changes: Array<[RoleFlag, string]> = [
    ...changed.filter(isRequested).map((f): [RoleFlag, string] => [f, newFlags[f] ? "True" : "False"]),
    ...changed.filter((f) => !isRequested(f)).map((f): [RoleFlag, string] => [f, reason(f, newFlags[f], requested, request, autoPromoted)]),
  ];
  return { oldFlags, newFlags, autoPromoted, changes };
}

/** Why a flag the user did not ask about changed (the wording of Ganeti's change list). */
function reason(flag: RoleFlag, value: boolean, requested: Partial<Record<RoleFlag, boolean | null>>, request: Request, autoPromoted: boolean): string {
  if (flag === "master_candidate") {
    if (value) return autoPromoted ? "auto-promotion" : "True";
    if (requested.offline) return "auto-demotion due to offline";
    if (requested.drained) return "auto-demotion due to drain";
    if (request.master_capable === false) return "auto-demotion due to master_capable=False";
  }
  if (flag === "drained" && !value && requested.offline) return "clear drained status due to offline";
  if (flag === "offline" && !value && requested.drained) return "clear offline status due to drain";
  return value ? "True" : "False";
}

/** Whether the change may take the node out of the candidate pool (so the pool may need refilling). */
export function mightDemote(request: Request): boolean {
  return request.master_candidate === false || request.offline === true || request.drained === true || request.master_capable === false;
}
