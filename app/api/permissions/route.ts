// GET ?cluster=&instance=: who holds what. POST: grant, DELETE: revoke; body {grantee, cluster, instance?, perm}.
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { listPermissions } from "@/lib/manager/permissions/list-permissions";
import { db } from "@/lib/db/client";
import { json, jsonBody, withActor } from "@/lib/web/api";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await listPermissions({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));

const change = (grant: boolean) => (request: Request) =>
  withActor(async (actor) => json(await changePermission({ db: db() }, { actor, grant, input: await jsonBody(request) })));

export const POST = change(true);
export const DELETE = change(false);
