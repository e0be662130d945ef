// The owner each synced VM row carries (CachedInstance.ownerKey, what lists filter on): the InstanceOwner row — the
// source of truth — or, for a VM without one, the persona its owner tag names (gantry:owner:user:<email> or
// gantry:owner:group:<name>), which is then adopted as its row: that is how ownership survives the loss of the
// database. A tag naming nobody known leaves the VM an orphan for the import page.
import type { Db } from "@/lib/db/client";
import { ownerFromTags } from "@/lib/manager/personas/owner-tag";
import type { FieldRecord } from "./cache-fields";

export type InstanceOwners = { keyOf: (name: string) => string; adopted: Array<{ name: string; persona: string }> };

const NONE: InstanceOwners = { keyOf: () => "", adopted: [] };
/** Above this many VMs, one read of the cluster's owners is cheaper than reading them by name. */
const READ_ALL_ABOVE = 500;

export async function instanceOwners(db: Pick<Db, "instanceOwner" | "user" | "group">, clusterId: string, records: FieldRecord[]): Promise<InstanceOwners> {
  if (!records.length) return NONE;
  const names = records.map((r) => String(r.name));
  const rows = await db.instanceOwner.findMany({
    where: records.length > READ_ALL_ABOVE ? { clusterId } : { clusterId, instanceName: { in: names } },
    select: { instanceName: true, persona: true },
  });
  const owners = new Map(rows.map((r) => [r.instanceName, r.persona]));
  const tagged = records.flatMap((r) => {
    const name = String(r.name);
    if (owners.has(name)) return [];
    const tag = ownerFromTags(Array.isArray(r.tags) ? r.tags : []);
    return tag ? [{ name, tag }] : [];
  });
  const adopted: InstanceOwners["adopted"] = [];
  if (tagged.length) {
    const emails = [...new Set(tagged.flatMap(({ tag }) => (tag.kind === "user" ? [tag.email.toLowerCase()] : [])))];
    const groupNames = [...new Set(tagged.flatMap(({ tag }) => (tag.kind === "group" ? [tag.name] : [])))];
    const users = new Map((await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [u.email, `user:${u.id}`]));
    const groups = new Map((await db.group.findMany({ where: { name: { in: groupNames } }, select: { id: true, name: true } })).map((g) => [g.name, `group:${g.id}`]));
    for (const { name, tag } of tagged) {
      const persona = tag.kind === "user" ? users.get(tag.email.toLowerCase()) : groups.get(tag.name);
      if (!persona) continue;
      owners.set(name, persona);
      adopted.push({ name, persona });
    }
  }
  return { keyOf: (name) => owners.get(name) ?? "", adopted };
}
