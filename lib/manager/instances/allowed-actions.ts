// What a user may do with a VM, by the names the UI knows (each is `instance.<name>` in the rule table): the VM page
// offers these actions, the VM list's bulk actions the power and remove ones. Pure: the access is loaded once.
import { allows, type Access, type Target } from "@/lib/manager/access/access";
import type { Action } from "@/lib/manager/access/rules";

export const INSTANCE_ACTIONS = ["power", "console", "modify", "remove", "tags", "migrate", "replace_disks", "export", "set_owner", "permissions"] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

export const allowedActions = (access: Access, target: Target): InstanceAction[] => INSTANCE_ACTIONS.filter((a) => allows(access, `instance.${a}` as Action, target));

/** The manager submits no job to a cluster marked read-only, or to one without RAPI credentials. */
export const readOnlyInGantry = (cluster: { readOnly: boolean; rapiUser: string }) => cluster.readOnly || !cluster.rapiUser;
