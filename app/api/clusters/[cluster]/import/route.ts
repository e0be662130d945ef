// GET: the import report (orphans, records of VMs gone from the cluster, owner tags that differ). POST {names}:
// purge the records of those gone VMs. Owners are assigned with PUT /api/instances/<cluster>/<name>/owner.
import { purgeGoneRecords, reconcileReport } from "@/lib/manager/imports/reconcile";
import { db } from "@/lib/db/client";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await reconcileReport({ db: db() }, { actor, input: await params })));

export const POST = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await purgeGoneRecords({ db: db() }, { actor, input: { ...(await jsonBody(request) as object), cluster: (await params).cluster } })));
