// PUT: give the VM to a persona, body {owner: "user:<id>" | "group:<id>"} (cluster admins).
import { setInstanceOwner } from "@/lib/manager/instances/set-instance-owner";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const PUT = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await setInstanceOwner(clusterDeps(), { actor, ref: await params, input: await jsonBody(request) })));
