// The personas a user may act as: themselves and each group they belong to.
import type { Db } from "@/lib/db/client";
import { groupPersona, userPersona, type Persona } from "./persona";

export async function actorPersonas(db: Pick<Db, "groupMembership">, userId: string): Promise<Persona[]> {
  const memberships = await db.groupMembership.findMany({ where: { userId }, select: { groupId: true } });
  return [userPersona(userId), ...memberships.map((m) => groupPersona(m.groupId))];
}
