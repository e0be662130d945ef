// GET: VM requests a page at a time: the user's own (filed by them or for their groups) ?status=&q=&page=&pageSize=,
// or with ?queue=1 the reviewers' queue ?status= (default pending; "any" for all) &q= (host name, applicant, purpose)
// &cluster= (preferred cluster). Both say {review: {pending} | null}: whether the user reviews, and how many wait.
// POST: file a request (201): {hostname, memory, vcpus, disk (MiB), os, network?, owner? (persona), purpose, preferredCluster?}.
import { db } from "@/lib/db/client";
import { fileRequest } from "@/lib/manager/requests/file-request";
import { listRequests } from "@/lib/manager/requests/list-requests";
import { json, jsonBody, withActor } from "@/lib/web/api";
import { mailingDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await listRequests({ db: db() }, { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));

export const POST = (request: Request) => withActor(async (actor) => json(await fileRequest(mailingDeps(), { actor, input: await jsonBody(request) }), 201));
