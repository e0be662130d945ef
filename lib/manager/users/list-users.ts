// Every user account with its groups, as a superuser sees it (no password hash is ever read).
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { userSelect, userView, type UserView } from "./user-view";

export async function listUsers({ db }: { db: Db }, { actor }: { actor: Actor }): Promise<UserView[]> {
  await requireSuperuser(db, actor, { action: "user.list" });
  return (await db.user.findMany({ select: userSelect, orderBy: { email: "asc" } })).map(userView);
}
