// Give a VM to another persona, or take an orphan in (cluster admin; GWM's "reparent" and its import page's "assign
// owner"). The database changes first, with its audit row: it is the source of truth. Then the cluster's owner tag
// follows as a job (its own audit row); on a read-only cluster the tag stays as it was and the import page shows the
// difference.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { submitJob, type JobDeps } from "@/lib/manager/jobs/submit-job";
import { ownerTagsIn, ownerTagText } from "@/lib/manager/personas/owner-tag";
import { resolvePersona } from "@/lib/manager/personas/resolve-persona";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "./instance-target";

export const setOwnerInput = z.object({ owner: z.string({ message: "Owner: 'user:<id>' or 'group:<id>'." }) }).strict();

export type OwnerChange = { owner: string; label: string; tagJobId: number | null };

export async function setInstanceOwner(deps: JobDeps, { actor, ref, input }: { actor: Actor; ref: InstanceRef; input: unknown }): Promise<OwnerChange> {
  const { db } = deps;
  const { owner: ownerText } = parseInput(setOwnerInput, input);
  const t = await loadInstanceTarget(db, actor, ref);
  const object = instanceObject(t);
  await authorize(db, t.access, "instance.set_owner", t.target, { action: "instance.set_owner", object });
  const owner = await resolvePersona(db, ownerText);
  await writeOwner(db, actor, { clusterId: t.cluster.id, name: t.instance.name, persona: owner.persona, before: t.owner, object });

  const tags = JSON.parse(t.instance.tags) as string[];
  const stale = ownerTagsIn(tags).filter((tag) => tag !== ownerTagText(owner.tag));
  const wanted = ownerTagText(owner.tag);
  if (t.cluster.readOnly || !t.cluster.rapiUser || (stale.length === 0 && tags.includes(wanted))) return { owner: owner.persona, label: owner.label, tagJobId: null };
  const { jobId } = await submitJob(deps, {
    actor,
    cluster: t.cluster,
    instanceName: t.instance.name,
    audit: { action: "instance.owner_tag", object, before: { tags: stale }, after: { tags: [wanted] } },
    submit: async (client) => {
      if (stale.length) await client.deleteTags({ instance: t.instance.name }, stale);
      return client.addTags({ instance: t.instance.name }, [wanted]);
    },
  });
  return { owner: owner.persona, label: owner.label, tagJobId: jobId };
}

/** The owner row and the cache's copy of it, with the audit row, in one transaction. */
export async function writeOwner(db: Db, actor: Actor, change: { clusterId: string; name: string; persona: string; before: string; object: { type: string; id: string; name: string } }) {
  const { clusterId, name, persona } = change;
  await db.$transaction(async (tx) => {
    await tx.instanceOwner.upsert({ where: { clusterId_instanceName: { clusterId, instanceName: name } }, create: { clusterId, instanceName: name, persona }, update: { persona } });
    await tx.cachedInstance.updateMany({ where: { clusterId, name }, data: { ownerKey: persona } });
    await recordAudit(tx, actor, { action: "instance.set_owner", result: "success", object: change.object, clusterId, persona, before: { owner: change.before }, after: { owner: persona } });
  });
}
