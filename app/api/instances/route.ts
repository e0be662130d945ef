// GET: the VM list from the cache, a page at a time: ?cluster=&status=&q=&sort=name|status|pnode|memory|vcpus|disk&order=asc|desc&page=&pageSize=
import { listInstances } from "@/lib/manager/instances/list-instances";
import { db } from "@/lib/db/client";
import { json, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await listInstances({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));
