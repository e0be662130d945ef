// Grant or revoke one permission (GWM's "Users" tab): on a cluster, by its admins; on a VM, by its admins (its owner
// among them) or the cluster's. Granting what is held, or revoking what is not, changes nothing and says so.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { resolvePersona } from "@/lib/manager/personas/resolve-persona";
import { parsePermission } from "./permission-input";

export type PermissionChange = { grantee: string; granteeLabel: string; cluster: string; instance: string | null; perm: string; changed: boolean };

export async function changePermission({ db }: { db: Db }, { actor, input, grant }: { actor: Actor; input: unknown; grant: boolean }): Promise<PermissionChange> {
  const fields = parsePermission(input);
  const cluster = await findCluster(db, fields.cluster);
  const instanceName = fields.instance ?? "";
  const access = await loadAccess(db, actor);
  const action = grant ? "permission.grant" : "permission.revoke";
  const object = instanceName ? { type: "instance", id: `${cluster.slug}/${instanceName}`, name: instanceName } : { type: "cluster", id: cluster.id, name: cluster.slug };
  if (instanceName) {
    const owner = (await db.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId: cluster.id, instanceName } } }))?.persona ?? "";
    await authorize(db, access, "instance.permissions", { clusterId: cluster.id, instanceName, owner }, { action, object });
    const known = owner || (await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: instanceName } }, select: { name: true } }));
    if (!known) throw new AppError("not_found", `No VM '${instanceName}' on cluster ${cluster.slug}.`);
  } else {
    await authorize(db, access, "cluster.permissions", { clusterId: cluster.id }, { action, object });
  }
  const grantee = grant ? await resolvePersona(db, fields.grantee, "Grantee") : { persona: fields.grantee, label: fields.grantee };
  const key = { grantee: grantee.persona, clusterId: cluster.id, instanceName, perm: fields.perm };
  const changed = await db.$transaction(async (tx) => {
    const held = await tx.permission.findUnique({ where: { grantee_clusterId_instanceName_perm: key } });
    if (grant === !!held) return false;
    if (grant) await tx.permission.create({ data: key });
    else await tx.permission.delete({ where: { id: held!.id } });
    await recordAudit(tx, actor, { action, result: "success", object, clusterId: cluster.id, after: { grantee: grantee.persona, granteeLabel: grantee.label, perm: fields.perm } });
    return true;
  });
  return { grantee: grantee.persona, granteeLabel: grantee.label, cluster: cluster.slug, instance: instanceName || null, perm: fields.perm, changed };
}
