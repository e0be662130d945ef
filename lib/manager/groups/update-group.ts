// A superuser changes a group's description or renames it. The group's VMs stay its own (ownership is kept by id);
// their mirror tags still carry the old name until they are re-tagged.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { isRecordNotFound, isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { groupNameTaken } from "./create-group";
import { findGroup } from "./find-group";
import { auditGroupChange, groupAttempt } from "./group-audit";
import { groupFields } from "./group-input";
import { groupSelect, groupView, type GroupView } from "./group-view";

export const updateGroupInput = z.object(groupFields).partial().strict();

export async function updateGroup({ db }: { db: Db }, { actor, group: which, input }: { actor: Actor; group: string; input: unknown }): Promise<GroupView> {
  await requireSuperuser(db, actor, groupAttempt("group.update", which));
  const before = await findGroup(db, which);
  const changes = parseInput(updateGroupInput, input);
  if (Object.keys(changes).length === 0) throw new AppError("wrong_input", "Nothing to change: give name or description.");
  const after = await db
    .$transaction(async (tx) => {
      const updated = await tx.group.update({ where: { id: before.id, updatedAt: before.updatedAt }, data: changes, select: groupSelect });
      await auditGroupChange(tx, actor, "group.update", { before, after: updated });
      return updated;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw groupNameTaken(changes.name!);
      if (isRecordNotFound(error)) throw new AppError("conflict", "The group was changed by someone else meanwhile; reload and try again.");
      throw error;
    });
  return groupView(after);
}
