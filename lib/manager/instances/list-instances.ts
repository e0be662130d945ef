// The VM list, read from the cache (never from a cluster): filtered, sorted and one page at a time. A superuser sees
// every VM; anyone else the VMs of clusters where they hold a permission that shows all (admin, migrate, export,
// replace_disks, tags), the VMs their personas own, and the VMs they hold a permission on — one query, whatever
// the number of VMs (ownerKey is indexed). Each item says what the user may do with it (for the list's bulk actions),
// decided in memory from the access loaded once for the page: no query per row.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { allows, grantedInstances, loadAccess, type Access } from "@/lib/manager/access/access";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { pageFields } from "@/lib/manager/paging";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { allowedActions, INSTANCE_ACTIONS, readOnlyInGantry, type InstanceAction } from "./allowed-actions";

const SORTS = { name: "name", status: "status", pnode: "pnode", memory: "memory", vcpus: "vcpus", disk: "diskSize" } as const;

export const listInstancesInput = z
  .object({
    cluster: z.string().trim().max(100).optional(),
    status: z.string().trim().max(40).optional(),
    q: z.string().trim().max(200, "Search: at most 200 characters.").optional(),
    /** A persona ("user:<id>" or "group:<id>"), or "none" for VMs without an owner. */
    owner: z.string().trim().max(100).optional(),
    /** VMs with this node as primary or secondary. */
    node: z.string().trim().max(255).optional(),
    template: z.string().trim().max(40).optional(),
    tag: z.string().trim().max(128).optional(),
    sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...Array<keyof typeof SORTS>], { message: `Sort: one of ${Object.keys(SORTS).join(", ")}.` }).default("name"),
    order: z.enum(["asc", "desc"], { message: "Order: asc or desc." }).default("asc"),
    ...pageFields(),
  })
  .strict();

export type InstanceListItem = {
  cluster: string;
  name: string;
  status: string;
  adminState: string;
  operState: boolean | null;
  pnode: string;
  snodes: string[];
  diskTemplate: string;
  os: string;
  memory: number;
  vcpus: number;
  diskSize: number;
  tags: string[];
  owner: { persona: string; label: string } | null;
  /** What the user may do with this VM (as on its page). */
  allowed: InstanceAction[];
  /** The cluster takes no jobs from Gantry (marked read-only, or without RAPI credentials). */
  clusterReadOnly: boolean;
};

export type InstanceList = { total: number; page: number; pageSize: number; items: InstanceListItem[] };

type ListDb = Pick<Db, "cachedInstance" | "cluster" | "groupMembership" | "permission" | "user" | "group">;

/** What a user who is not a superuser sees, as alternatives of a where clause. */
function visibleTo(access: Access): Prisma.CachedInstanceWhereInput[] {
  const wholeClusters = [...access.cluster.keys()].filter((clusterId) => allows(access, "cluster.view_all", { clusterId }));
  return [
    { clusterId: { in: wholeClusters } },
    { ownerKey: { in: access.personas } },
    ...[...grantedInstances(access)].map(([clusterId, names]) => ({ clusterId, name: { in: names } })),
  ];
}

export async function listInstances({ db }: { db: ListDb }, { actor, input }: { actor: Actor; input: unknown }): Promise<InstanceList> {
  const { cluster, status, q, owner, node, template, tag, sort, order, page, pageSize } = parseInput(listInstancesInput, input);
  const clusters = await db.cluster.findMany({ select: { id: true, slug: true, readOnly: true, rapiUser: true } });
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const where: Prisma.CachedInstanceWhereInput = {};
  if (cluster) {
    const found = clusters.find((c) => c.id === cluster || c.slug === cluster.toLowerCase());
    if (!found) throw new AppError("not_found", `No cluster '${cluster}'.`);
    where.clusterId = found.id;
  }
  if (status) where.status = status;
  if (q) where.name = { contains: q };
  if (owner) where.ownerKey = owner === "none" ? "" : owner;
  if (template) where.diskTemplate = template;
  // snodes and tags are JSON arrays of strings: an element matches as its quoted text.
  const filters: Prisma.CachedInstanceWhereInput[] = [];
  if (node) filters.push({ OR: [{ pnode: node }, { snodes: { contains: JSON.stringify(node) } }] });
  if (tag) filters.push({ tags: { contains: JSON.stringify(tag) } });
  // A superuser may do everything: no access to load.
  const access = actor.isAdmin ? null : await loadAccess(db, actor);
  if (access) filters.push({ OR: visibleTo(access) });
  if (filters.length) where.AND = filters;
  const orderBy: Prisma.CachedInstanceOrderByWithRelationInput[] = [{ [SORTS[sort]]: order }, { name: "asc" }, { clusterId: "asc" }];
  const [total, rows] = await Promise.all([
    db.cachedInstance.count({ where }),
    db.cachedInstance.findMany({
      where,
      orderBy,
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { ownerKey: true, clusterId: true, name: true, status: true, adminState: true, operState: true, pnode: true, snodes: true, diskTemplate: true, os: true, memory: true, vcpus: true, diskSize: true, tags: true },
    }),
  ]);
  const labels = await personaLabels(db, rows.map((r) => r.ownerKey).filter(Boolean));
  return {
    total,
    page,
    pageSize,
    items: rows.map(({ clusterId, snodes, tags, ownerKey, ...row }) => {
      const c = byId.get(clusterId);
      return {
        ...row,
        cluster: c?.slug ?? clusterId,
        snodes: JSON.parse(snodes) as string[],
        tags: JSON.parse(tags) as string[],
        owner: ownerKey ? { persona: ownerKey, label: labels.get(ownerKey) ?? ownerKey } : null,
        allowed: access ? allowedActions(access, { clusterId, instanceName: row.name, owner: ownerKey }) : [...INSTANCE_ACTIONS],
        clusterReadOnly: c ? readOnlyInGantry(c) : true,
      };
    }),
  };
}
