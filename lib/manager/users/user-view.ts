// What the manager shows of a user account: never the password hash (it is not even read).
import type { Prisma } from "@/lib/generated/prisma/client";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  isActive: true,
  createdAt: true,
  updatedAt: true,
  lastLoginAt: true,
  memberships: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export type UserView = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isActive: boolean;
  groups: Array<{ id: string; name: string }>;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function userView(user: UserRow): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    isActive: user.isActive,
    groups: user.memberships.map((m) => m.group),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The audit log's picture of a user: what an admin changes, groups by name (ids mean nothing to a reader). */
export const userAuditState = (user: UserRow) => ({
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
  isActive: user.isActive,
  groups: user.memberships.map((m) => m.group.name),
});
