// GET: one job, live from the cluster (status, log, results in words). DELETE: cancel it (if it has not started).
import { cancelJob } from "@/lib/manager/jobs/cancel-job";
import { getJob } from "@/lib/manager/jobs/get-job";
import { json, withActor } from "@/lib/web/api";
import { clusterDeps } from "@/lib/web/cluster-deps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; id: string }> };

const jobId = (text: string) => (/^\d{1,15}$/.test(text) ? Number(text) : -1);

export const GET = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const { cluster, id } = await params;
    return json(await getJob(clusterDeps(), { actor, cluster, id: jobId(id) }));
  });

export const DELETE = (_request: Request, { params }: Context) =>
  withActor(async (actor) => {
    const { cluster, id } = await params;
    return json(await cancelJob(clusterDeps(), { actor, cluster, id: jobId(id) }));
  });
