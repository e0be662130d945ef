// Every group with its members, as a superuser sees it.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { groupSelect, groupView, type GroupView } from "./group-view";

export async function listGroups({ db }: { db: Db }, { actor }: { actor: Actor }): Promise<GroupView[]> {
  await requireSuperuser(db, actor, { action: "group.list" });
  return (await db.group.findMany({ select: groupSelect, orderBy: { name: "asc" } })).map(groupView);
}
