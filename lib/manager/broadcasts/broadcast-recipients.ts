// Who a broadcast reaches: the VMs of its scope as the cache knows them, their owners (InstanceOwner), and the people
// behind those owners — each address once, with the VMs that make them a recipient. A VM nobody owns reaches nobody:
// the preview says how many there are.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Cluster } from "@/lib/generated/prisma/client";
import { emailsOfPersonas } from "@/lib/manager/mail/recipients";
import type { BroadcastScope } from "./broadcast-input";

export type Recipients = {
  /** VMs in the scope. */
  instances: number;
  /** Of those, the ones without an owner. */
  unowned: string[];
  /** Address → the VMs of the scope they own (themselves or through a group), both sorted. */
  recipients: Array<{ email: string; instances: string[] }>;
};

export async function broadcastRecipients(db: Db, cluster: Cluster, scope: BroadcastScope): Promise<Recipients> {
  const names = await scopeInstances(db, cluster, scope);
  const owners = names.length ? await db.instanceOwner.findMany({ where: { clusterId: cluster.id, instanceName: { in: names } }, select: { instanceName: true, persona: true } }) : [];
  const emails = await emailsOfPersonas(db, [...new Set(owners.map((o) => o.persona))]);
  const byEmail = new Map<string, Set<string>>();
  for (const { instanceName, persona } of owners) {
    for (const email of emails.get(persona) ?? []) {
      const key = email.toLowerCase();
      byEmail.set(key, (byEmail.get(key) ?? new Set()).add(instanceName));
    }
  }
  const owned = new Set(owners.map((o) => o.instanceName));
  return {
    instances: names.length,
    unowned: names.filter((name) => !owned.has(name)),
    recipients: [...byEmail].sort(([a], [b]) => a.localeCompare(b)).map(([email, vms]) => ({ email, instances: [...vms].sort() })),
  };
}

/** The names of the scope's VMs; a node or VM the cluster does not have is wrong_input naming it. */
async function scopeInstances(db: Db, cluster: Cluster, scope: BroadcastScope): Promise<string[]> {
  const select = { name: true } as const;
  const orderBy = { name: "asc" } as const;
  if (scope.node) {
    const node = await db.cachedNode.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: scope.node } }, select });
    if (!node) throw new AppError("wrong_input", `Node: cluster ${cluster.slug} has no node '${scope.node}'.`);
    const rows = await db.cachedInstance.findMany({ where: { clusterId: cluster.id, OR: [{ pnode: node.name }, { snodes: { contains: JSON.stringify(node.name) } }] }, select, orderBy });
    return rows.map((r) => r.name);
  }
  if (scope.instances) {
    const rows = await db.cachedInstance.findMany({ where: { clusterId: cluster.id, name: { in: scope.instances } }, select, orderBy });
    const found = new Set(rows.map((r) => r.name));
    const missing = scope.instances.filter((name) => !found.has(name));
    if (missing.length) throw new AppError("wrong_input", `VMs: cluster ${cluster.slug} has no VM ${missing.slice(0, 5).map((n) => `'${n}'`).join(", ")}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ""}.`);
    return rows.map((r) => r.name);
  }
  return (await db.cachedInstance.findMany({ where: { clusterId: cluster.id }, select, orderBy })).map((r) => r.name);
}
