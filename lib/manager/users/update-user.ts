// A superuser renames a user, makes them a superuser or not, deactivates or reactivates them. A deactivated user
// cannot sign in and loses their open sessions at once (every request re-reads the user); their VMs and history stay.
// Nobody deactivates or demotes themselves: another superuser must, so that one always remains who can sign in.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { isRecordNotFound } from "@/lib/db/errors";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { findUser } from "./find-user";
import { auditUserChange, userAttempt } from "./user-audit";
import { userFields } from "./user-input";
import { userSelect, userView, type UserView } from "./user-view";

export const updateUserInput = z.object({ name: userFields.name, isAdmin: userFields.isAdmin, isActive: userFields.isActive }).partial().strict();

export async function updateUser({ db }: { db: Db }, { actor, user: which, input }: { actor: Actor; user: string; input: unknown }): Promise<UserView> {
  await requireSuperuser(db, actor, userAttempt("user.update", which));
  const before = await findUser(db, which);
  const changes = parseInput(updateUserInput, input);
  if (Object.keys(changes).length === 0) throw new AppError("wrong_input", "Nothing to change: give name, isAdmin or isActive.");
  const self = before.id === actor.id;
  const selfRefusal =
    self && changes.isActive === false ? "You cannot deactivate your own account; another superuser must do it."
    : self && changes.isAdmin === false ? "You cannot remove your own superuser rights; another superuser must do it."
    : null;
  if (selfRefusal) {
    await recordAudit(db, actor, { action: "user.update", object: { type: "user", id: before.id, name: before.email }, result: "refused", message: selfRefusal });
    throw new AppError("forbidden", selfRefusal);
  }

  const after = await db
    .$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: before.id, updatedAt: before.updatedAt }, // a concurrent edit makes this one fail, not overwrite it
        data: changes,
        select: userSelect,
      });
      await auditUserChange(tx, actor, "user.update", { before, after: updated });
      return updated;
    })
    .catch((error: unknown) => {
      if (isRecordNotFound(error)) throw new AppError("conflict", "The user was changed by someone else meanwhile; reload and try again.");
      throw error;
    });
  return userView(after);
}
