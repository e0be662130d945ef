// GET: one VM, with what the user may do with it. PATCH: change memory, vCPUs, add a disk (a job; 202). DELETE: remove it
// (a job; 202), or — when the owner must confirm it by e-mail first — 202 {confirmation: "sent", to, expiresAt}.
import { getInstance } from "@/lib/manager/instances/get-instance";
import { modifyInstance } from "@/lib/manager/instances/modify-instance";
import { runOrConfirm } from "@/lib/manager/confirmations/run-or-confirm";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; name: string }> };

export const GET = (_request: Request, { params }: Context) => withActor(async (actor) => json(await getInstance(clusterDeps(), { actor, ref: await params })));

export const PATCH = (request: Request, { params }: Context) =>
  withActor(async (actor) => json(await modifyInstance(clusterDeps(), { actor, ref: await params, input: await jsonBody(request) }), 202));

export const DELETE = (_request: Request, { params }: Context) => withActor(async (actor) => json(await runOrConfirm(clusterDeps(), { actor, ref: await params, kind: "remove" }), 202));
