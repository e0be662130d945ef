// Replaces the memberships of one user (or one group) with the wanted ones, touching only those that change, so that
// the memberships that stay keep when they began.
import type { Prisma } from "@/lib/generated/prisma/client";

type Membership = { userId: string; groupId: string };

export async function replaceMemberships(tx: Prisma.TransactionClient, scope: { userId: string } | { groupId: string }, wanted: Membership[]): Promise<void> {
  const key = (m: Membership) => `${m.userId}\n${m.groupId}`;
  const existing = await tx.groupMembership.findMany({ where: scope, select: { userId: true, groupId: true } });
  const want = new Set(wanted.map(key));
  const have = new Set(existing.map(key));
  const gone = existing.filter((m) => !want.has(key(m)));
  // The scope fixes one side, so "userId in … and groupId in …" matches exactly the memberships that go.
  if (gone.length) await tx.groupMembership.deleteMany({ where: { userId: { in: gone.map((m) => m.userId) }, groupId: { in: gone.map((m) => m.groupId) } } });
  const added = wanted.filter((m) => !have.has(key(m)));
  if (added.length) await tx.groupMembership.createMany({ data: added });
}
