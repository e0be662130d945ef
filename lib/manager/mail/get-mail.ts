// Superusers open one e-mail: its text as it was (or will be) sent.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { mailItem, type MailDetail } from "./mail-view";

export async function getMail({ db }: { db: Db }, { actor, id }: { actor: Actor; id: string }): Promise<MailDetail> {
  await requireSuperuser(db, actor, { action: "mail.read", object: { type: "mail", id: id.slice(0, 64), name: "" } });
  const message = await db.mailMessage.findUnique({ where: { id: id.slice(0, 64) } });
  if (!message) throw new AppError("not_found", `There is no e-mail '${id.slice(0, 64)}'.`);
  return { ...mailItem(message), text: message.text };
}
