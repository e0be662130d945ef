// A superuser deletes a group: its memberships, permissions and quota overrides go with it. A group that owns VMs is
// refused: its VMs would be left without an owner; they must be given to someone else first.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { groupPersona } from "@/lib/manager/personas/persona";
import { findGroup } from "./find-group";
import { auditGroupChange, groupAttempt } from "./group-audit";

export async function deleteGroup({ db }: { db: Db }, { actor, group: which }: { actor: Actor; group: string }): Promise<void> {
  await requireSuperuser(db, actor, groupAttempt("group.delete", which));
  await db.$transaction(async (tx) => {
    const group = await findGroup(tx, which);
    const persona = groupPersona(group.id);
    const owned = await tx.instanceOwner.count({ where: { persona } });
    if (owned > 0) {
      throw new AppError("conflict", `Group '${group.name}' owns ${owned} VM${owned === 1 ? "" : "s"}; give them to another owner (or remove them) before deleting the group.`);
    }
    const permissions = await tx.permission.deleteMany({ where: { grantee: persona } });
    const quotas = await tx.quota.deleteMany({ where: { persona } });
    await tx.group.delete({ where: { id: group.id } });
    await auditGroupChange(tx, actor, "group.delete", { before: group }, `Removed with it: ${permissions.count} permission(s), ${quotas.count} quota override(s).`);
  });
}
