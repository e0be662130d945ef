// A cluster's page (for those who see the whole cluster): what the cluster says of itself (live: versions, master,
// hypervisors, disk templates, instance policy), its groups, and capacity summed from the cache — memory, disk and
// vCPUs in use and in total, per group, and instance counts by status. Ganeti's RAPI has no cluster verify; the sync's
// state (last success, last error) stands for the cluster's health here.
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { ensureWritable } from "@/lib/manager/instances/instance-target";
import { submitJob, type JobDeps, type Submitted } from "@/lib/manager/jobs/submit-job";
import { endpointOf } from "./cluster-connection";
import { clusterError } from "./cluster-errors";
import { clusterView } from "./cluster-view";
import { findCluster } from "./find-cluster";

export async function clusterOverview(deps: JobDeps, { actor, cluster: which }: { actor: Actor; cluster: string }) {
  const { db } = deps;
  const cluster = await findCluster(db, which);
  await authorize(db, await loadAccess(db, actor), "cluster.view_all", { clusterId: cluster.id }, { action: "cluster.view", object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  const client = deps.connect(endpointOf(cluster, deps.box));
  let info: Record<string, unknown> | null = null;
  let infoError: string | null = null;
  try {
    info = await client.getInfo();
  } catch (error) {
    infoError = (clusterError(error, cluster.slug) as Error).message;
  } finally {
    client.close();
  }
  const [groups, nodes, byStatus, vcpusByPrimary] = await Promise.all([
    db.cachedGroup.findMany({ where: { clusterId: cluster.id }, orderBy: { name: "asc" }, select: { name: true, allocPolicy: true, nodeCount: true } }),
    db.cachedNode.findMany({ where: { clusterId: cluster.id }, select: { name: true, groupName: true, offline: true, mtotal: true, mfree: true, dtotal: true, dfree: true, ctotal: true } }),
    db.cachedInstance.groupBy({ by: ["status"], where: { clusterId: cluster.id }, _count: { _all: true } }),
    // vCPUs count where the VM is meant to run (admin state up), as Ganeti's vcpu-ratio does.
    db.cachedInstance.groupBy({ by: ["pnode"], where: { clusterId: cluster.id, adminState: "up" }, _sum: { vcpus: true } }),
  ]);
  const vcpusOn = new Map(vcpusByPrimary.map((row) => [row.pnode, row._sum.vcpus ?? 0]));
  const capacity = (rows: typeof nodes) => {
    const online = rows.filter((n) => !n.offline);
    const sum = (f: (n: (typeof nodes)[number]) => number | null) => online.reduce((s, n) => s + (f(n) ?? 0), 0);
    return {
      nodes: rows.length,
      offline: rows.length - online.length,
      memoryTotal: sum((n) => n.mtotal),
      memoryFree: sum((n) => n.mfree),
      diskTotal: sum((n) => n.dtotal),
      diskFree: sum((n) => n.dfree),
      cpus: sum((n) => n.ctotal),
      vcpusUp: rows.reduce((s, n) => s + (vcpusOn.get(n.name) ?? 0), 0),
    };
  };
  return {
    cluster: clusterView(cluster),
    info: info && {
      name: info.name,
      master: info.master,
      softwareVersion: info.software_version,
      defaultHypervisor: info.default_hypervisor,
      enabledHypervisors: info.enabled_hypervisors,
      enabledDiskTemplates: info.enabled_disk_templates ?? [],
      ipolicy: info.ipolicy ?? null,
      candidatePoolSize: info.candidate_pool_size ?? null,
      defaultIallocator: info.default_iallocator ?? null,
      tags: info.tags,
    },
    infoError,
    capacity: capacity(nodes),
    groups: groups.map((g) => ({ ...g, capacity: capacity(nodes.filter((n) => n.groupName === g.name)) })),
    instances: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])),
  };
}

/** Copies the configuration to every master candidate again (gnt-cluster redist-conf; cluster admins). */
export async function redistributeConfig(deps: JobDeps, { actor, cluster: which }: { actor: Actor; cluster: string }): Promise<Submitted> {
  const cluster = await findCluster(deps.db, which);
  const object = { type: "cluster", id: cluster.id, name: cluster.slug };
  await authorize(deps.db, await loadAccess(deps.db, actor), "cluster.rebalance", { clusterId: cluster.id }, { action: "cluster.redistribute_config", object });
  ensureWritable(cluster);
  return submitJob(deps, { actor, cluster, instanceName: "", audit: { action: "cluster.redistribute_config", object }, submit: (client) => client.redistributeConfig() });
}

