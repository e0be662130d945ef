// The rebalance preview and its execution (cluster admins): hbal's plan (rebalance-plan.ts) shown before anything
// moves; executing plans again from the cluster's state as it is then — never from a preview that may be stale — and
// submits every move at once, chained with Ganeti's job dependencies the way hbal -X runs job sets: the moves of a
// set in parallel, each set only after every job of the one before succeeded, a move's steps one after another.
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { ensureWritable } from "@/lib/manager/instances/instance-target";
import { submitJob, type JobDeps } from "@/lib/manager/jobs/submit-job";
import { endpointOf, type ClusterClient } from "./cluster-connection";
import { clusterError } from "./cluster-errors";
import { findCluster } from "./find-cluster";
import { planRebalance, readClusterForHtools, type GroupPlan } from "./rebalance-plan";

type Depends = Array<[number, Array<"success">]>;

async function clusterPlan(deps: JobDeps, actor: Actor, which: string, action: string) {
  const cluster = await findCluster(deps.db, which);
  await authorize(deps.db, await loadAccess(deps.db, actor), "cluster.rebalance", { clusterId: cluster.id }, { action, object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  const client = deps.connect(endpointOf(cluster, deps.box));
  try {
    return { cluster, plans: planRebalance(await readClusterForHtools(client)) };
  } catch (error) {
    throw clusterError(error, cluster.slug);
  } finally {
    client.close();
  }
}

export async function previewRebalance(deps: JobDeps, { actor, cluster }: { actor: Actor; cluster: string }): Promise<{ cluster: string; groups: GroupPlan[] }> {
  const { cluster: row, plans } = await clusterPlan(deps, actor, cluster, "cluster.rebalance_preview");
  return { cluster: row.slug, groups: plans };
}

/** One opcode of a move through ClusterClient, waiting for the given jobs. */
function submitStep(client: ClusterClient, op: Record<string, unknown>, depends: Depends): Promise<number> {
  const name = String(op.instance_name);
  const target = typeof op.target_node === "string" ? op.target_node : undefined;
  switch (op.OP_ID) {
    case "OP_INSTANCE_MIGRATE":
      return client.migrateInstance(name, { targetNode: target, allowFailover: true, depends });
    case "OP_INSTANCE_FAILOVER":
      return client.failoverInstance(name, { targetNode: target, depends });
    case "OP_INSTANCE_REPLACE_DISKS":
      return client.replaceInstanceDisks(name, { mode: "replace_new_secondary", remoteNode: String(op.remote_node), depends });
    default:
      throw new Error(`hbal planned an opcode the manager cannot submit: ${String(op.OP_ID)}`);
  }
}

export async function executeRebalance(deps: JobDeps, { actor, cluster: which }: { actor: Actor; cluster: string }) {
  const { cluster, plans } = await clusterPlan(deps, actor, which, "cluster.rebalance");
  ensureWritable(cluster);
  const submitted: Array<{ group: string; instance: string; jobIds: number[] }> = [];
  for (const plan of plans) {
    let previous: number[] = [];
    for (const set of plan.jobSets) {
      const thisSet: number[] = [];
      for (const move of set) {
        const jobIds: number[] = [];
        for (const op of move.opcodes) {
          const depends: Depends = (jobIds.length ? [jobIds[jobIds.length - 1]!] : previous).map((id) => [id, ["success"]]);
          const { jobId } = await submitJob(deps, {
            actor,
            cluster,
            instanceName: move.instance,
            audit: { action: "cluster.rebalance_move", object: { type: "instance", id: `${cluster.slug}/${move.instance}`, name: move.instance }, before: move.from, after: { ...move.to, opcode: op.OP_ID } },
            submit: (client) => submitStep(client, op, depends),
          });
          jobIds.push(jobId);
        }
        thisSet.push(jobIds[jobIds.length - 1]!);
        submitted.push({ group: plan.group, instance: move.instance, jobIds });
      }
      previous = thisSet;
    }
  }
  await recordAudit(deps.db, actor, {
    action: "cluster.rebalance",
    result: "success",
    clusterId: cluster.id,
    object: { type: "cluster", id: cluster.id, name: cluster.slug },
    after: plans.map((p) => ({ group: p.group, initialScore: p.initialScore, finalScore: p.finalScore, moves: p.jobSets.flat().length })),
    message: submitted.length ? `${submitted.length} move(s) submitted` : "already balanced: nothing to do",
  });
  return { cluster: cluster.slug, groups: plans.map((p) => ({ group: p.group, initialScore: p.initialScore, finalScore: p.finalScore })), moves: submitted };
}
