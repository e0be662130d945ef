// The people a grant or a quota can name: active users and groups, for superusers and cluster admins (who grant
// permissions and set quotas on their clusters without being allowed to manage accounts). Only what a picker shows:
// id, e-mail or name.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { recordAudit } from "@/lib/manager/audit/audit-log";

export type PersonaChoice = { persona: string; label: string };

export async function listPersonas({ db }: { db: Db }, { actor }: { actor: Actor }): Promise<PersonaChoice[]> {
  if (!actor.isAdmin) {
    const access = await loadAccess(db, actor);
    if (![...access.cluster.values()].some((perms) => perms.has("admin"))) {
      const message = "Not allowed: listing users and groups needs a cluster's admin permission.";
      await recordAudit(db, actor, { action: "persona.list", result: "refused", message });
      throw new AppError("forbidden", message);
    }
  }
  const [groups, users] = await Promise.all([
    db.group.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ where: { isActive: true }, orderBy: { email: "asc" }, select: { id: true, email: true } }),
  ]);
  return [...groups.map((g) => ({ persona: `group:${g.id}`, label: `group ${g.name}` })), ...users.map((u) => ({ persona: `user:${u.id}`, label: u.email }))];
}
