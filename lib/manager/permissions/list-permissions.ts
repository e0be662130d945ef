// Who holds what on a cluster (with all its VMs' grants) or on one VM, for the permissions pages: the same people
// who may change them may read them.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";

const listInput = z.object({ cluster: z.string().trim().min(1, "Cluster: its short name."), instance: z.string().trim().min(1).max(253).optional() }).strict();

export async function listPermissions({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const fields = parseInput(listInput, input);
  const cluster = await findCluster(db, fields.cluster);
  const access = await loadAccess(db, actor);
  if (fields.instance) {
    const owner = (await db.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId: cluster.id, instanceName: fields.instance } } }))?.persona ?? "";
    await authorize(db, access, "instance.permissions", { clusterId: cluster.id, instanceName: fields.instance, owner }, { action: "permission.list", object: { type: "instance", id: `${cluster.slug}/${fields.instance}`, name: fields.instance } });
  } else {
    await authorize(db, access, "cluster.permissions", { clusterId: cluster.id }, { action: "permission.list", object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  }
  const rows = await db.permission.findMany({
    where: { clusterId: cluster.id, ...(fields.instance ? { instanceName: fields.instance } : {}) },
    orderBy: [{ instanceName: "asc" }, { grantee: "asc" }, { perm: "asc" }],
  });
  const labels = await personaLabels(db, rows.map((r) => r.grantee));
  return rows.map((r) => ({ grantee: r.grantee, granteeLabel: labels.get(r.grantee) ?? r.grantee, cluster: cluster.slug, instance: r.instanceName || null, perm: r.perm }));
}
