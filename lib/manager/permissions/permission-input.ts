// A permission as an admin grants or revokes it: to whom (a user or a group), on what (a cluster, or one of its VMs),
// and which (the names of lib/manager/access/permission-names.ts for that kind of object).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { CLUSTER_PERMISSIONS, INSTANCE_PERMISSIONS } from "@/lib/manager/access/permission-names";
import { parseInput } from "@/lib/manager/clusters/cluster-input";

export const permissionInput = z
  .object({
    grantee: z.string({ message: "Grantee: 'user:<id>' or 'group:<id>'." }),
    cluster: z.string({ message: "Cluster: its short name." }).trim().min(1, "Cluster: its short name."),
    /** A VM's name; absent: the cluster itself. */
    instance: z.string().trim().min(1).max(253).optional(),
    perm: z.string({ message: "Permission: its name." }),
  })
  .strict();

export function parsePermission(input: unknown) {
  const fields = parseInput(permissionInput, input);
  const names: readonly string[] = fields.instance ? INSTANCE_PERMISSIONS : CLUSTER_PERMISSIONS;
  if (!names.includes(fields.perm)) throw new AppError("wrong_input", `Permission: on a ${fields.instance ? "VM" : "cluster"}, one of ${names.join(", ")} (got '${fields.perm}').`);
  return fields;
}
