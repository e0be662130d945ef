// What each action needs: any one of the listed permissions on the VM, or any one on its cluster. A superuser may do
// everything. The owner of a VM (the user, or a member of the owning group) holds the VM's `admin`: unlike GWM, where
// ownership only counted towards quota and confused users (GWM issue #91), owning a VM lets one manage it.
import type { ClusterPermission, InstancePermission } from "./permission-names";

type Rule = { vm: readonly InstancePermission[]; cluster: readonly ClusterPermission[]; says: string };

export const RULES = {
  "instance.view": { vm: ["admin", "power", "modify", "remove", "tags", "console"], cluster: ["admin", "migrate", "export", "replace_disks", "tags"], says: "seeing this VM" },
  "instance.power": { vm: ["admin", "power"], cluster: ["admin"], says: "starting, stopping and rebooting this VM" },
  "instance.console": { vm: ["admin", "console"], cluster: ["admin"], says: "opening this VM's console" },
  "instance.modify": { vm: ["admin", "modify"], cluster: ["admin"], says: "changing this VM's settings" },
  "instance.remove": { vm: ["admin", "remove"], cluster: ["admin"], says: "removing or reinstalling this VM" },
  "instance.tags": { vm: ["admin", "tags"], cluster: ["admin", "tags"], says: "changing this VM's tags" },
  "instance.migrate": { vm: [], cluster: ["admin", "migrate"], says: "migrating this VM" },
  "instance.replace_disks": { vm: [], cluster: ["admin", "replace_disks"], says: "replacing this VM's disks" },
  "instance.export": { vm: [], cluster: ["admin", "export"], says: "exporting this VM" },
  "instance.set_owner": { vm: [], cluster: ["admin"], says: "changing this VM's owner" },
  "instance.permissions": { vm: ["admin"], cluster: ["admin"], says: "granting permissions on this VM" },
  "node.manage": { vm: [], cluster: ["admin", "migrate"], says: "changing a node's role, migrating or evacuating its VMs" },
  "cluster.rebalance": { vm: [], cluster: ["admin"], says: "rebalancing this cluster or redistributing its configuration" },
  "cluster.create_vm": { vm: [], cluster: ["admin", "create_vm"], says: "creating VMs on this cluster" },
  "cluster.any_hvparams": { vm: [], cluster: ["admin"], says: "setting hypervisor parameters users may not set" },
  "cluster.view_all": { vm: [], cluster: ["admin", "migrate", "export", "replace_disks", "tags"], says: "seeing all VMs of this cluster" },
  "cluster.permissions": { vm: [], cluster: ["admin"], says: "granting permissions on this cluster" },
  "cluster.quotas": { vm: [], cluster: ["admin"], says: "setting quotas on this cluster" },
  "cluster.import": { vm: [], cluster: ["admin"], says: "the import tools of this cluster" },
  "cluster.broadcast": { vm: [], cluster: ["admin"], says: "mailing a notice to the owners of this cluster's VMs" },
  "request.review": { vm: [], cluster: ["admin", "approve"], says: "reviewing VM requests and approving them onto this cluster" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/** The refusal of an action: what was tried (the rule's words unless told more exactly) and what it needs. */
export const refusalText = (action: Action, says: string = RULES[action].says): string => `Not allowed: ${says} needs ${requirementText(action)}.`;

/** "the VM's power or admin permission, or the cluster's admin permission" — for refusals that say what is missing. */
export function requirementText(action: Action): string {
  const rule: Rule = RULES[action];
  const parts = [];
  if (rule.vm.length) parts.push(`the VM's ${rule.vm.join(" or ")} permission`);
  if (rule.cluster.length) parts.push(`the cluster's ${rule.cluster.join(" or ")} permission`);
  return parts.join(", or ");
}
