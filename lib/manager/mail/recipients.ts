// Who gets an e-mail: the people behind a persona (the user, or a group's active members) and the approvers (active
// superusers, and active holders of a cluster's admin or approve permission, directly or through a group).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Pick<Db, "user" | "groupMembership" | "permission"> | Prisma.TransactionClient;

/** The addresses of everyone a persona stands for. */
export async function personaEmails(db: Reader, persona: string): Promise<string[]> {
  const [kind, id] = [persona.slice(0, persona.indexOf(":")), persona.slice(persona.indexOf(":") + 1)];
  if (kind === "user") {
    const user = await db.user.findUnique({ where: { id }, select: { email: true, isActive: true } });
    return user?.isActive ? [user.email] : [];
  }
  if (kind !== "group") return [];
  const members = await db.groupMembership.findMany({ where: { groupId: id, user: { isActive: true } }, select: { user: { select: { email: true } } } });
  return members.map((m) => m.user.email);
}

/** The addresses of everyone who may approve VM requests (on some cluster, when clusterId is not given). */
export async function approverEmails(db: Reader, clusterId?: string): Promise<string[]> {
  const grants = await db.permission.findMany({ where: { instanceName: "", perm: { in: ["admin", "approve"] }, ...(clusterId ? { clusterId } : {}) }, select: { grantee: true } });
  const userIds = grants.filter((g) => g.grantee.startsWith("user:")).map((g) => g.grantee.slice(5));
  const groupIds = grants.filter((g) => g.grantee.startsWith("group:")).map((g) => g.grantee.slice(6));
  const users = await db.user.findMany({
    where: { isActive: true, OR: [{ isAdmin: true }, { id: { in: userIds } }, { memberships: { some: { groupId: { in: groupIds } } } }] },
    select: { email: true },
  });
  return users.map((u) => u.email);
}
