// What the manager shows of a group: its members with their e-mails and names.
import type { Prisma } from "@/lib/generated/prisma/client";

export const groupSelect = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { user: { select: { id: true, email: true, name: true } } }, orderBy: { user: { email: "asc" } } },
} satisfies Prisma.GroupSelect;

export type GroupRow = Prisma.GroupGetPayload<{ select: typeof groupSelect }>;

export type GroupView = {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  members: Array<{ id: string; email: string; name: string }>;
  createdAt: string;
  updatedAt: string;
};

export function groupView(group: GroupRow): GroupView {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    memberCount: group.members.length,
    members: group.members.map((m) => m.user),
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}

/** The audit log's picture of a group: members by e-mail (ids mean nothing to a reader). */
export const groupAuditState = (group: GroupRow) => ({
  name: group.name,
  description: group.description,
  members: group.members.map((m) => m.user.email),
});
