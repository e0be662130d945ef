// GET: every e-mail Gantry wrote (superusers), newest first: ?status=queued|sent|failed|outbox&kind=&to=&page=&pageSize=
// The answer's `delivery` says whether mail goes out through SMTP or is only kept here ("outbox").
import { db } from "@/lib/db/client";
import { listMail } from "@/lib/manager/mail/list-mail";
import { mailSettings } from "@/lib/manager/mail/mail-settings";
import { loadServerConfig } from "@/lib/server/config";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await listMail({ db: db(), mail: mailSettings(loadServerConfig()) }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));
