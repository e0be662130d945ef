// GET: the users and groups a grant or a quota can name ({persona, label}), for superusers and cluster admins.
import { db } from "@/lib/db/client";
import { listPersonas } from "@/lib/manager/personas/list-personas";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = () => withActor(async (actor) => json(await listPersonas({ db: db() }, { actor })));
