// Quotas of a cluster with current usage: the default, and every persona that has an override, owns VMs there or has
// jobs in flight (cluster admins); or only the asking user's own personas (anyone, for their own "my quota" view).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess } from "@/lib/manager/access/access";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { quotaLimits, quotaUsage, type Limits, type Resources } from "./quota-usage";

const listInput = z.object({ cluster: z.string().trim().min(1, "Cluster: its short name.") }).strict();

export type PersonaQuota = { persona: string; label: string; isDefault: boolean; limits: Limits; used: Resources };

export async function listQuotas({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }) {
  const { cluster: which } = parseInput(listInput, input);
  const cluster = await findCluster(db, which);
  const access = await loadAccess(db, actor);
  const all = allows(access, "cluster.quotas", { clusterId: cluster.id });
  let personas: string[] = access.personas;
  if (all) {
    const [overrides, owners, pending] = await Promise.all([
      db.quota.findMany({ where: { clusterId: cluster.id }, select: { persona: true } }),
      db.instanceOwner.findMany({ where: { clusterId: cluster.id }, distinct: ["persona"], select: { persona: true } }),
      db.managerJob.findMany({ where: { clusterId: cluster.id, endedAt: null, persona: { not: "" } }, distinct: ["persona"], select: { persona: true } }),
    ]);
    personas = [...new Set([...overrides, ...owners, ...pending].map((r) => r.persona))].sort();
  }
  const labels = await personaLabels(db, personas);
  const quotas: PersonaQuota[] = [];
  for (const persona of personas) {
    const { isDefault, ...limits } = await quotaLimits(db, cluster.id, persona);
    quotas.push({ persona, label: labels.get(persona) ?? persona, isDefault, limits, used: await quotaUsage(db, cluster.id, persona) });
  }
  return { cluster: cluster.slug, default: { memory: cluster.quotaMemory, disk: cluster.quotaDisk, vcpus: cluster.quotaVcpus }, canEdit: all, quotas };
}
