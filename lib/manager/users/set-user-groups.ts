// A superuser replaces the list of groups a user belongs to (membership gives the group's permissions and lets the
// user act as the group, e.g. own VMs in its name).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { replaceMemberships } from "@/lib/manager/groups/replace-memberships";
import { findUser } from "./find-user";
import { resolveGroups } from "./resolve-references";
import { auditUserChange, userAttempt } from "./user-audit";
import { referenceList } from "./user-input";
import { userSelect, userView, type UserView } from "./user-view";

export const setUserGroupsInput = z.object({ groups: referenceList("Groups") }).strict();

export async function setUserGroups({ db }: { db: Db }, { actor, user: which, input }: { actor: Actor; user: string; input: unknown }): Promise<UserView> {
  await requireSuperuser(db, actor, userAttempt("user.set_groups", which));
  const { groups: refs } = parseInput(setUserGroupsInput, input);
  const after = await db.$transaction(async (tx) => {
    const before = await findUser(tx, which);
    const groups = await resolveGroups(tx, refs);
    await replaceMemberships(tx, { userId: before.id }, groups.map((g) => ({ userId: before.id, groupId: g.id })));
    const updated = await tx.user.findUniqueOrThrow({ where: { id: before.id }, select: userSelect });
    await auditUserChange(tx, actor, "user.set_groups", { before, after: updated });
    return updated;
  });
  return userView(after);
}
