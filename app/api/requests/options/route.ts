// GET: what the request form offers: {personas, clusters, offer: {cluster, operatingSystems, networks} | null,
// offerError}; ?cluster= asks the preferred cluster for its operating systems and networks.
import { requestFormOptions } from "@/lib/manager/requests/request-form-options";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => json(await requestFormOptions(clusterDeps(), { actor, input: Object.fromEntries(new URL(request.url).searchParams) })));
