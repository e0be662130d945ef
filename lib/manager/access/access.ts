// What a user may do: their superuser flag, their personas (themselves and their groups) and every permission those
// hold, loaded once per request. Decisions are pure functions of this and the target.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { actorPersonas } from "@/lib/manager/personas/actor-personas";
import { groupPersona, userPersona, type Persona } from "@/lib/manager/personas/persona";
import { RULES, type Action } from "./rules";

export type Access = {
  actor: Actor;
  personas: Persona[];
  /** clusterId → permissions held on the cluster. */
  cluster: Map<string, Set<string>>;
  /** "clusterId/instance" → permissions held on the VM. */
  instance: Map<string, Set<string>>;
};

export type Target = { clusterId: string; instanceName?: string; /** The VM's owner persona ("" for none). */ owner?: string };

const vmKey = (clusterId: string, name: string) => `${clusterId}/${name}`;

export async function loadAccess(db: Pick<Db, "groupMembership" | "permission">, actor: Actor): Promise<Access> {
  const personas = await actorPersonas(db, actor.id);
  const rows = await db.permission.findMany({ where: { grantee: { in: personas } }, select: { clusterId: true, instanceName: true, perm: true } });
  return accessFrom(actor, personas, rows);
}

/** loadAccess for many users in two queries (the console proxy checks every open console's user at once). */
export async function loadAccessOfMany(db: Pick<Db, "groupMembership" | "permission">, actors: Actor[]): Promise<Map<string, Access>> {
  const ids = actors.map((actor) => actor.id);
  const memberships = ids.length ? await db.groupMembership.findMany({ where: { userId: { in: ids } }, select: { userId: true, groupId: true } }) : [];
  const personasOf = new Map<string, Persona[]>(ids.map((id) => [id, [userPersona(id)]]));
  for (const m of memberships) personasOf.get(m.userId)?.push(groupPersona(m.groupId));
  const all = [...new Set([...personasOf.values()].flat())];
  const rows = all.length ? await db.permission.findMany({ where: { grantee: { in: all } }, select: { grantee: true, clusterId: true, instanceName: true, perm: true } }) : [];
  const byGrantee = new Map<string, PermissionRow[]>();
  for (const row of rows) byGrantee.set(row.grantee, [...(byGrantee.get(row.grantee) ?? []), row]);
  return new Map(actors.map((actor) => {
    const personas = personasOf.get(actor.id)!;
    return [actor.id, accessFrom(actor, personas, personas.flatMap((p) => byGrantee.get(p) ?? []))];
  }));
}

type PermissionRow = { clusterId: string; instanceName: string | null; perm: string };

function accessFrom(actor: Actor, personas: Persona[], rows: PermissionRow[]): Access {
  const access: Access = { actor, personas, cluster: new Map(), instance: new Map() };
  for (const row of rows) {
    const map = row.instanceName ? access.instance : access.cluster;
    const key = row.instanceName ? vmKey(row.clusterId, row.instanceName) : row.clusterId;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(row.perm);
  }
  return access;
}

export const ownsInstance = (access: Access, owner: string | undefined): boolean => !!owner && (access.personas as string[]).includes(owner);

export function allows(access: Access, action: Action, target: Target): boolean {
  if (access.actor.isAdmin) return true;
  const rule = RULES[action];
  const onCluster = access.cluster.get(target.clusterId);
  if (onCluster && rule.cluster.some((p) => onCluster.has(p))) return true;
  if (target.instanceName === undefined || !rule.vm.length) return false;
  if ((rule.vm as readonly string[]).includes("admin") && ownsInstance(access, target.owner)) return true;
  const onVm = access.instance.get(vmKey(target.clusterId, target.instanceName));
  return !!onVm && rule.vm.some((p) => onVm.has(p));
}

/** The VMs this user holds a permission on, by cluster (for lists: the ones they see without owning them). */
export function grantedInstances(access: Access): Map<string, string[]> {
  const byCluster = new Map<string, string[]>();
  for (const key of access.instance.keys()) {
    const slash = key.indexOf("/");
    const clusterId = key.slice(0, slash);
    byCluster.set(clusterId, [...(byCluster.get(clusterId) ?? []), key.slice(slash + 1)]);
  }
  return byCluster;
}
