import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { groupSelect, type GroupRow } from "./group-view";

/** A group by id or name, or not_found saying so. */
export async function findGroup(db: Pick<Db, "group"> | Prisma.TransactionClient, idOrName: string): Promise<GroupRow> {
  const group =
    (await db.group.findUnique({ where: { id: idOrName }, select: groupSelect })) ??
    (await db.group.findUnique({ where: { name: idOrName }, select: groupSelect }));
  if (!group) throw new AppError("not_found", `No group '${idOrName}'.`);
  return group;
}
