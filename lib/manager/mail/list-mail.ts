// Superusers read every e-mail Gantry wrote, newest first, a page at a time, filtered by status, kind and recipient
// — the outbox when no SMTP server is set (the answer says which, so the page can tell that mail is not sent).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { pageFields, pageWindow, type Paged } from "@/lib/manager/paging";
import type { MailSettings } from "./mail-settings";
import { MAIL_STATUSES, mailItem, type MailItem } from "./mail-view";

export const listMailInput = z
  .object({
    status: z.enum(MAIL_STATUSES, { message: `Status: one of ${MAIL_STATUSES.join(", ")}.` }).optional(),
    /** A kind (request.new) or the start of one (request.). */
    kind: z.string().trim().max(60, "Kind: at most 60 characters.").optional(),
    /** Part of the recipient's address. */
    to: z.string().trim().max(320, "Recipient: at most 320 characters.").optional(),
    ...pageFields(),
  })
  .strict();

export type MailList = Paged<MailItem> & { delivery: MailSettings["delivery"] };

export async function listMail({ db, mail }: { db: Db; mail: MailSettings }, { actor, input }: { actor: Actor; input: unknown }): Promise<MailList> {
  await requireSuperuser(db, actor, { action: "mail.list", object: { type: "mail", id: "", name: "outbox" } });
  const { status, kind, to, page, pageSize } = parseInput(listMailInput, input);
  const where: Prisma.MailMessageWhereInput = {
    ...(status ? { status } : {}),
    ...(kind ? { kind: { startsWith: kind } } : {}),
    ...(to ? { to: { contains: to.toLowerCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.mailMessage.count({ where }),
    db.mailMessage.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], omit: { text: true }, ...pageWindow({ page, pageSize }) }),
  ]);
  return { total, page, pageSize, items: rows.map(mailItem), delivery: mail.delivery };
}
