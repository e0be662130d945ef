// GET: the VMs the user may see, from the cache, a page at a time: ?cluster=&status=&q=&sort=name|status|pnode|memory|vcpus|disk&order=asc|desc&page=&pageSize=
// POST: create a VM (a job; 202 with its id): {cluster, name, owner?, diskTemplate, disks, memory, vcpus, os, pnode?, snode?, start?,
// nics? ([{network?, mode?, link?, ip?, mac?}], default [{}]), osparams? ({name: value}), hypervisor?, hvparams? ({name: value})}
import { createInstance } from "@/lib/manager/instances/create-instance";
import { listInstances } from "@/lib/manager/instances/list-instances";
import { db } from "@/lib/db/client";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await listInstances({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));

export const POST = (request: Request) => withActor(async (actor) => json(await createInstance(clusterDeps(), { actor, input: await jsonBody(request) }), 202));
