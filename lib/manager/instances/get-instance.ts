// One VM as the manager shows it, from the cache: its fields, its owner, and what the asking user may do with it (the
// UI hides the rest; every use case checks again on its own).
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { allows } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import type { Action } from "@/lib/manager/access/rules";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "./instance-target";

const INSTANCE_ACTIONS = ["power", "console", "modify", "remove", "tags", "migrate", "replace_disks", "export", "set_owner", "permissions"] as const;

export async function getInstance({ db }: { db: Db }, { actor, ref }: { actor: Actor; ref: InstanceRef }) {
  const t = await loadInstanceTarget(db, actor, ref);
  await authorize(db, t.access, "instance.view", t.target, { action: "instance.view", object: instanceObject(t) });
  const { clusterId: _clusterId, data, snodes, tags, ownerKey: _ownerKey, ...row } = t.instance;
  const labels = await personaLabels(db, t.owner ? [t.owner] : []);
  return {
    ...row,
    cluster: t.cluster.slug,
    clusterReadOnly: t.cluster.readOnly || !t.cluster.rapiUser,
    snodes: JSON.parse(snodes) as string[],
    tags: JSON.parse(tags) as string[],
    fields: JSON.parse(data) as Record<string, unknown>,
    owner: t.owner ? { persona: t.owner, label: labels.get(t.owner) ?? t.owner } : null,
    allowed: INSTANCE_ACTIONS.filter((a) => allows(t.access, `instance.${a}` as Action, t.target)),
  };
}
