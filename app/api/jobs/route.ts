// GET ?cluster=&status=&page=&pageSize=: a cluster's jobs from the cache, newest first (all of them for those who see
// the whole cluster, else the ones the user submitted).
import { db } from "@/lib/db/client";
import { listJobs } from "@/lib/manager/jobs/list-jobs";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => withActor(async (actor) => json(await listJobs({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));
