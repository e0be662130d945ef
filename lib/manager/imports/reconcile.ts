// GWM's import pages, for a cluster admin. The cache follows the cluster on every sync, so what can disagree is the
// manager's own records about VMs:
// - orphans: VMs on the cluster without an owner (assign one: lib/manager/instances/set-instance-owner.ts);
// - gone: owner rows and permissions for VMs that are no longer on the cluster (purge them);
// - mismatched: VMs whose owner tag names someone else than the database (the database wins; setting the owner
//   again rewrites the tag).
// Nodes carry no records of the manager's (no owner, no permission), so they have nothing to reconcile: the cache's
// node list is the cluster's as of the last sync.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { ownerFromTags, ownerTagText, type OwnerTag } from "@/lib/manager/personas/owner-tag";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";

const clusterInput = z.object({ cluster: z.string().trim().min(1, "Cluster: its short name.") }).strict();

async function adminCluster(db: Db, actor: Actor, which: string, action: string) {
  const cluster = await findCluster(db, which);
  await authorize(db, await loadAccess(db, actor), "cluster.import", { clusterId: cluster.id }, { action, object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  return cluster;
}

/** The owner tag a persona should have on the cluster, or null when the persona is unknown. */
async function ownerTags(db: Db): Promise<(persona: string) => string | null> {
  const users = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((u) => [`user:${u.id}`, { kind: "user", email: u.email } as OwnerTag]));
  const groups = new Map((await db.group.findMany({ select: { id: true, name: true } })).map((g) => [`group:${g.id}`, { kind: "group", name: g.name } as OwnerTag]));
  return (persona) => {
    const tag = users.get(persona) ?? groups.get(persona);
    return tag ? ownerTagText(tag) : null;
  };
}

export async function reconcileReport({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const cluster = await adminCluster(db, actor, parseInput(clusterInput, input).cluster, "import.view");
  const [instances, owners, grants, creating] = await Promise.all([
    db.cachedInstance.findMany({ where: { clusterId: cluster.id }, select: { name: true, tags: true }, orderBy: { name: "asc" } }),
    db.instanceOwner.findMany({ where: { clusterId: cluster.id } }),
    db.permission.findMany({ where: { clusterId: cluster.id, instanceName: { not: "" } }, select: { instanceName: true } }),
    db.managerJob.findMany({ where: { clusterId: cluster.id, endedAt: null, action: "instance.create" }, select: { instanceName: true } }),
  ]);
  const onCluster = new Set(instances.map((i) => i.name));
  const inFlight = new Set(creating.map((j) => j.instanceName));
  const ownerOf = new Map(owners.map((o) => [o.instanceName, o.persona]));
  const labels = await personaLabels(db, owners.map((o) => o.persona));
  const tagFor = await ownerTags(db);
  const tagsMirrored = !!cluster.rapiUser && !cluster.readOnly;
  const orphans: Array<{ name: string; ownerTag: string | null }> = [];
  const mismatched: Array<{ name: string; owner: string; ownerLabel: string; ownerTag: string | null }> = [];
  for (const i of instances) {
    const tags = JSON.parse(i.tags) as string[];
    const tagged = ownerFromTags(tags);
    const owner = ownerOf.get(i.name);
    const wanted = owner ? tagFor(owner) : null;
    if (!owner) orphans.push({ name: i.name, ownerTag: tagged ? ownerTagText(tagged) : null });
    else if (tagsMirrored && wanted && !tags.includes(wanted)) mismatched.push({ name: i.name, owner, ownerLabel: labels.get(owner) ?? owner, ownerTag: tagged ? ownerTagText(tagged) : null });
  }
  const goneNames = new Set([...owners.map((o) => o.instanceName), ...grants.map((g) => g.instanceName)].filter((n) => !onCluster.has(n) && !inFlight.has(n)));
  const grantCount = new Map<string, number>();
  for (const g of grants) grantCount.set(g.instanceName, (grantCount.get(g.instanceName) ?? 0) + 1);
  const gone = [...goneNames].sort().map((name) => ({ name, owner: ownerOf.get(name) ?? null, permissions: grantCount.get(name) ?? 0 }));
  return { cluster: cluster.slug, syncedAt: cluster.syncedAt, orphans, gone, mismatched };
}

const purgeInput = z.object({ cluster: z.string().trim().min(1), names: z.array(z.string().min(1).max(253)).min(1, "Names: at least one.").max(10_000, "Names: at most 10,000 at a time.") }).strict();

/** Deletes owner rows and permissions of VMs that are not on the cluster (names of VMs on it are skipped). */
export async function purgeGoneRecords({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const fields = parseInput(purgeInput, input);
  const cluster = await adminCluster(db, actor, fields.cluster, "import.purge");
  return db.$transaction(async (tx) => {
    const present = new Set((await tx.cachedInstance.findMany({ where: { clusterId: cluster.id, name: { in: fields.names } }, select: { name: true } })).map((i) => i.name));
    const names = fields.names.filter((n) => !present.has(n));
    const owners = await tx.instanceOwner.deleteMany({ where: { clusterId: cluster.id, instanceName: { in: names } } });
    const permissions = await tx.permission.deleteMany({ where: { clusterId: cluster.id, instanceName: { in: names } } });
    await recordAudit(tx, actor, {
      action: "import.purge",
      result: "success",
      clusterId: cluster.id,
      object: { type: "cluster", id: cluster.id, name: cluster.slug },
      before: { names },
      message: `${owners.count} owner row(s) and ${permissions.count} permission(s) removed`,
    });
    return { owners: owners.count, permissions: permissions.count, skipped: fields.names.length - names.length };
  });
}
