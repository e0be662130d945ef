// Nodes from the cache, for those who see the whole cluster (GWM's node table): role and flags, memory and disk
// total/free, CPUs, primary and secondary instance counts — per cluster, or one node with its instances.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { CachedNode } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";

const ROLES: Record<string, string> = { M: "master", C: "master-candidate", R: "regular", D: "drained", O: "offline" };

export type NodeView = {
  name: string;
  role: string;
  group: string;
  offline: boolean;
  drained: boolean;
  masterCandidate: boolean;
  vmCapable: boolean;
  memory: { total: number | null; free: number | null };
  disk: { total: number | null; free: number | null };
  cpus: number | null;
  /** vCPUs of the VMs that are up with this node as primary (Ganeti overcommits CPUs: this may exceed cpus). */
  vcpusAllocated: number;
  primaries: number;
  secondaries: number;
};

const view = (n: CachedNode, vcpusAllocated: number): NodeView => ({
  name: n.name,
  role: ROLES[n.role] ?? n.role,
  group: n.groupName,
  offline: n.offline,
  drained: n.drained,
  masterCandidate: n.masterCandidate,
  vmCapable: n.vmCapable,
  memory: { total: n.mtotal, free: n.mfree },
  disk: { total: n.dtotal, free: n.dfree },
  cpus: n.ctotal,
  vcpusAllocated,
  primaries: n.pinstCnt,
  secondaries: n.sinstCnt,
});

async function viewableCluster(db: Db, actor: Actor, which: string) {
  const cluster = await findCluster(db, which);
  await authorize(db, await loadAccess(db, actor), "cluster.view_all", { clusterId: cluster.id }, { action: "node.list", object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  return cluster;
}

const listInput = z.object({ cluster: z.string().trim().min(1, "Cluster: its short name.") }).strict();

export async function listNodes({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const cluster = await viewableCluster(db, actor, parseInput(listInput, input).cluster);
  const [nodes, allocated] = await Promise.all([
    db.cachedNode.findMany({ where: { clusterId: cluster.id }, orderBy: { name: "asc" } }),
    db.cachedInstance.groupBy({ by: ["pnode"], where: { clusterId: cluster.id, adminState: "up" }, _sum: { vcpus: true } }),
  ]);
  const vcpus = new Map(allocated.map((a) => [a.pnode, a._sum.vcpus ?? 0]));
  return { cluster: cluster.slug, syncedAt: cluster.syncedAt, nodes: nodes.map((n) => view(n, vcpus.get(n.name) ?? 0)) };
}

export async function getNode({ db }: { db: Db }, { actor, cluster: which, name }: { actor: Actor; cluster: string; name: string }) {
  const cluster = await viewableCluster(db, actor, which);
  const node = await db.cachedNode.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name } } });
  if (!node) throw new AppError("not_found", `No node '${name}' on cluster ${cluster.slug}.`);
  const select = { name: true, status: true, adminState: true, memory: true, vcpus: true, diskTemplate: true } as const;
  const [primaries, secondaries] = await Promise.all([
    db.cachedInstance.findMany({ where: { clusterId: cluster.id, pnode: name }, orderBy: { name: "asc" }, select }),
    db.cachedInstance.findMany({ where: { clusterId: cluster.id, snodes: { contains: JSON.stringify(name) } }, orderBy: { name: "asc" }, select }),
  ]);
  const vcpusAllocated = primaries.reduce((sum, i) => sum + (i.adminState === "up" ? i.vcpus : 0), 0);
  return { cluster: cluster.slug, node: view(node, vcpusAllocated), primaries: primaries.map(({ adminState: _a, ...i }) => i), secondaries: secondaries.map(({ adminState: _a, ...i }) => i) };
}
