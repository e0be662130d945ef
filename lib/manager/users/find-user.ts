import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { userSelect, type UserRow } from "./user-view";

/** A user by id or e-mail, or not_found saying so. */
export async function findUser(db: Pick<Db, "user"> | Prisma.TransactionClient, idOrEmail: string): Promise<UserRow> {
  const user =
    (await db.user.findUnique({ where: { id: idOrEmail }, select: userSelect })) ??
    (await db.user.findUnique({ where: { email: idOrEmail.trim().toLowerCase() }, select: userSelect }));
  if (!user) throw new AppError("not_found", `No user '${idOrEmail}'.`);
  return user;
}
