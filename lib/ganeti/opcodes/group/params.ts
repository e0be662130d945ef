// The parameters OP_GROUP_ADD and OP_GROUP_SET_PARAMS share, and how a group's own values are checked and merged.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { updatedParams } from "../../objects/params";
import type { InstancePolicy, Params } from "../../objects/types";
import { updatedIpolicy } from "../cluster/ipolicy-update";
import { absent, checkNdparams, updatedDiskparams } from "../cluster/param-updates";

export const GROUP_PARAMS = {
  group_name: z.string().min(1),
  alloc_policy: z.enum(["preferred", "last_resort", "unallocable"]).nullable().optional(),
  ndparams: z.record(z.string(), z.unknown()).nullable().optional(),
  diskparams: z.record(z.string(), z.record(z.string(), z.unknown())).nullable().optional(),
  ipolicy: z.record(z.string(), z.unknown()).nullable().optional(),
  hv_state: z.unknown().optional(),
  disk_state: z.unknown().optional(),
};

type GroupValues = { ndparams: Params; diskparams: Record<string, Params>; ipolicy: Partial<InstancePolicy> };
type GroupChanges = { ndparams?: unknown; diskparams?: unknown; ipolicy?: unknown; hv_state?: unknown; disk_state?: unknown };

/** The group's new own values after `changes` (only those given), checked as Ganeti checks them. */
export function groupValues(current: GroupValues, changes: GroupChanges): Partial<GroupValues> {
  if (!absent(changes.hv_state) || !absent(changes.disk_state)) {
    throw new OpPrereqError("Static hypervisor and disk state (hv_state, disk_state) are not supported by Gantry", "wrong_input");
  }
  const result: Partial<GroupValues> = {};
  if (!absent(changes.ndparams)) result.ndparams = updatedParams(current.ndparams, checkNdparams(changes.ndparams as Params, "group"));
  if (!absent(changes.diskparams)) result.diskparams = updatedDiskparams(current.diskparams, changes.diskparams as Record<string, Params>);
  if (!absent(changes.ipolicy)) result.ipolicy = updatedIpolicy(current.ipolicy, changes.ipolicy as Params, true);
  return result;
}
