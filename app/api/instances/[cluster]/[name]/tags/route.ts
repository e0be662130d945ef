// POST: add tags to the VM; DELETE: remove them. Body {tags: [...]}; a job each (202 with its id).
import { changeInstanceTags } from "@/lib/manager/instances/instance-tags";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

const change = (add: boolean) => (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await changeInstanceTags(clusterDeps(), { actor, ref: await params, add, input: await jsonBody(request) }), 202));

export const POST = change(true);
export const DELETE = change(false);
