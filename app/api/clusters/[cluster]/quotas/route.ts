// GET: the cluster's quotas with usage. PUT: set the default ({memory, disk, vcpus}) or a persona's override
// ({persona, memory, disk, vcpus}); null is unlimited. DELETE {persona}: drop an override.
import { listQuotas } from "@/lib/manager/quotas/list-quotas";
import { removeQuota, setQuota } from "@/lib/manager/quotas/set-quota";
import { db } from "@/lib/db/client";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string }> };

const body = async (request: Request, cluster: string) => ({ ...(await jsonBody(request) as object), cluster });

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await listQuotas({ db: db() }, { actor, input: await params })));

export const PUT = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await setQuota({ db: db() }, { actor, input: await body(request, (await params).cluster) })));

export const DELETE = (request: Request, { params }: Context) =>
  withActor(async (actor) => {
    await removeQuota({ db: db() }, { actor, input: await body(request, (await params).cluster) });
    return new Response(null, { status: 204 });
  });
