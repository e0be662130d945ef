// The checks a request must pass to be filed, shared by the form's live check and by filing it: the admin's size
// limits, an owner the applicant may act as, a host name that no VM and no open request has, a preferred cluster
// that exists, and — when a cluster is preferred — the owner's quota there with this VM running.
import type { Db } from "@/lib/db/client";
import type { Access } from "@/lib/manager/access/access";
import { overdraw, quotaLimits, quotaUsage, type Limits, type Resources } from "@/lib/manager/quotas/quota-usage";
import { parsePersona, userPersona } from "@/lib/manager/personas/persona";
import type { RequestSettings } from "@/lib/manager/settings/request-settings";
import { limitProblems, type RequestFields, type RequestProblem } from "./request-input";
import { OPEN_STATUSES } from "./request-status";

export type RequestQuota = { cluster: string; persona: string; limits: Limits; usedAfter: Resources };
export type RequestCheck = { problems: RequestProblem[]; quota: RequestQuota | null; preferredClusterId: string | null; persona: string };

export async function checkRequestFields(db: Db, access: Access, fields: RequestFields, settings: RequestSettings): Promise<RequestCheck> {
  const problems = limitProblems(fields, settings);
  const persona = fields.owner?.trim() || userPersona(access.actor.id);
  try {
    parsePersona(persona, "Owner");
    if (!(access.personas as string[]).includes(persona)) problems.push({ field: "owner", message: "Owner: yourself or a group you belong to." });
  } catch (error) {
    problems.push({ field: "owner", message: (error as Error).message });
  }
  if (await db.cachedInstance.findFirst({ where: { name: fields.hostname }, select: { name: true } })) {
    problems.push({ field: "hostname", message: `Name: a VM called ${fields.hostname} exists already; choose another name.` });
  } else if (await db.vmRequest.findFirst({ where: { hostname: fields.hostname, status: { in: OPEN_STATUSES } }, select: { id: true } })) {
    problems.push({ field: "hostname", message: `Name: ${fields.hostname} is asked for in an open request already; choose another name.` });
  }
  let quota: RequestQuota | null = null;
  let preferredClusterId: string | null = null;
  if (fields.preferredCluster) {
    const cluster = await db.cluster.findUnique({ where: { slug: fields.preferredCluster }, select: { id: true, slug: true } });
    if (!cluster) problems.push({ field: "preferredCluster", message: `Cluster: there is no cluster '${fields.preferredCluster}'; leave it empty for no preference.` });
    else {
      preferredClusterId = cluster.id;
      const used = await quotaUsage(db, cluster.id, persona);
      const usedAfter = { memory: used.memory + fields.memory, vcpus: used.vcpus + fields.vcpus, disk: used.disk + fields.disk };
      const limits = await quotaLimits(db, cluster.id, persona);
      quota = { cluster: cluster.slug, persona, limits: { memory: limits.memory, vcpus: limits.vcpus, disk: limits.disk }, usedAfter };
      const over = overdraw(limits, usedAfter);
      if (over) problems.push({ field: "quota", message: `Over quota on cluster ${cluster.slug}: ${over}. Ask for less, or ask an admin for more quota.` });
    }
  }
  return { problems, quota, preferredClusterId, persona };
}
