// A superuser replaces a group's member list (users named by id or e-mail).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { resolveUsers } from "@/lib/manager/users/resolve-references";
import { referenceList } from "@/lib/manager/users/user-input";
import { findGroup } from "./find-group";
import { auditGroupChange, groupAttempt } from "./group-audit";
import { groupSelect, groupView, type GroupView } from "./group-view";
import { replaceMemberships } from "./replace-memberships";

export const setGroupMembersInput = z.object({ members: referenceList("Members") }).strict();

export async function setGroupMembers({ db }: { db: Db }, { actor, group: which, input }: { actor: Actor; group: string; input: unknown }): Promise<GroupView> {
  await requireSuperuser(db, actor, groupAttempt("group.set_members", which));
  const { members: refs } = parseInput(setGroupMembersInput, input);
  const after = await db.$transaction(async (tx) => {
    const before = await findGroup(tx, which);
    const users = await resolveUsers(tx, refs);
    await replaceMemberships(tx, { groupId: before.id }, users.map((u) => ({ userId: u.id, groupId: before.id })));
    const updated = await tx.group.findUniqueOrThrow({ where: { id: before.id }, select: groupSelect });
    await auditGroupChange(tx, actor, "group.set_members", { before, after: updated });
    return updated;
  });
  return groupView(after);
}
