// Who gets an e-mail: the people behind a persona (the user, or a group's active members), for one persona or many at
// once, and the approvers (active superusers, and active holders of a cluster's admin or approve permission, directly
// or through a group).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Pick<Db, "user" | "groupMembership" | "permission"> | Prisma.TransactionClient;

/** The addresses of everyone a persona stands for. */
export async function personaEmails(db: Reader, persona: string): Promise<string[]> {
  return (await emailsOfPersonas(db, [persona])).get(persona) ?? [];
}

/** personaEmails of many personas in two queries (a broadcast to the owners of a whole cluster's VMs). */
export async function emailsOfPersonas(db: Reader, personas: string[]): Promise<Map<string, string[]>> {
  const idsOf = (kind: string) => personas.filter((p) => p.startsWith(`${kind}:`)).map((p) => p.slice(kind.length + 1));
  const [userIds, groupIds] = [idsOf("user"), idsOf("group")];
  // One after the other: the reader may be a transaction.
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds }, isActive: true }, select: { id: true, email: true } }) : [];
  const members = groupIds.length ? await db.groupMembership.findMany({ where: { groupId: { in: groupIds }, user: { isActive: true } }, select: { groupId: true, user: { select: { email: true } } } }) : [];
  const emails = new Map<string, string[]>();
  const add = (persona: string, email: string) => emails.set(persona, [...(emails.get(persona) ?? []), email]);
  for (const user of users) add(`user:${user.id}`, user.email);
  for (const member of members) add(`group:${member.groupId}`, member.user.email);
  return emails;
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
