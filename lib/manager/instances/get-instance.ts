// One VM as the manager shows it, from the cache: its fields, its owner, and what the asking user may do with it (the
// UI hides the rest; every use case checks again on its own).
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { allowedActions, readOnlyInGantry } from "./allowed-actions";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "./instance-target";

export async function getInstance({ db }: { db: Db }, { actor, ref }: { actor: Actor; ref: InstanceRef }) {
  const t = await loadInstanceTarget(db, actor, ref);
  await authorize(db, t.access, "instance.view", t.target, { action: "instance.view", object: instanceObject(t) });
  const { clusterId: _clusterId, data, snodes, tags, ownerKey: _ownerKey, ...row } = t.instance;
  const labels = await personaLabels(db, t.owner ? [t.owner] : []);
  return {
    ...row,
    cluster: t.cluster.slug,
    clusterReadOnly: readOnlyInGantry(t.cluster),
    snodes: JSON.parse(snodes) as string[],
    tags: JSON.parse(tags) as string[],
    fields: JSON.parse(data) as Record<string, unknown>,
    owner: t.owner ? { persona: t.owner, label: labels.get(t.owner) ?? t.owner } : null,
    allowed: allowedActions(t.access, t.target),
  };
}
