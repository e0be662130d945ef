// Lists of users or groups in a request name each one by id or by e-mail / name (what a script knows). Unknown ones
// are refused all together, so that the admin fixes the whole list at once.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Pick<Db, "user" | "group"> | Prisma.TransactionClient;

function refuseUnknown(what: string, noun: string, refs: string[], known: Set<string>, fold = (ref: string) => ref): void {
  const unknown = refs.filter((ref) => !known.has(ref) && !known.has(fold(ref)));
  if (!unknown.length) return;
  const listed = unknown.slice(0, 10).map((u) => `'${u}'`).join(", ") + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : "");
  throw new AppError("wrong_input", `${what}: no ${noun} ${listed}; give ids or ${noun === "user" ? "e-mails" : "names"} of existing ones.`);
}

/** The users named by id or e-mail (e-mails compared lower-cased). */
export async function resolveUsers(db: Reader, refs: string[], what = "Members"): Promise<Array<{ id: string; email: string }>> {
  const users = await db.user.findMany({ where: { OR: [{ id: { in: refs } }, { email: { in: refs.map((r) => r.toLowerCase()) } }] }, select: { id: true, email: true } });
  refuseUnknown(what, "user", refs, new Set(users.flatMap((u) => [u.id, u.email])), (ref) => ref.toLowerCase());
  return users;
}

/** The groups named by id or name. */
export async function resolveGroups(db: Reader, refs: string[], what = "Groups"): Promise<Array<{ id: string; name: string }>> {
  const groups = await db.group.findMany({ where: { OR: [{ id: { in: refs } }, { name: { in: refs } }] }, select: { id: true, name: true } });
  refuseUnknown(what, "group", refs, new Set(groups.flatMap((g) => [g.id, g.name])));
  return groups;
}
