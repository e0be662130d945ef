// GET: the VM's jobs (submitted through the manager) and audit entries, for its admins.
import { db } from "@/lib/db/client";
import { instanceHistory } from "@/lib/manager/instances/instance-history";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await instanceHistory({ db: db() }, { actor, ref: await params })));
