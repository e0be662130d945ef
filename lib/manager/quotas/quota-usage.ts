// What a persona uses on a cluster, as GWM counts it: memory and vCPUs of its VMs that are up (administratively:
// the watcher starts a crashed VM again), disk of all its VMs — plus what jobs the manager submitted for it and has
// not yet seen in the cache (ManagerJob reservations), so a request cannot slip in between a job and the next sync.
import type { Prisma } from "@/lib/generated/prisma/client";

export type Resources = { memory: number; vcpus: number; disk: number };
/** A limit per resource; null: unlimited. */
export type Limits = { memory: number | null; vcpus: number | null; disk: number | null };

export const RESOURCES = ["memory", "vcpus", "disk"] as const;
export const RESOURCE_WORDS: Record<(typeof RESOURCES)[number], (n: number) => string> = {
  memory: (n) => `${n} MiB of memory`,
  vcpus: (n) => `${n} vCPU${n === 1 ? "" : "s"}`,
  disk: (n) => `${n} MiB of disk`,
};

type Reader = Pick<Prisma.TransactionClient, "cachedInstance" | "managerJob">;

export async function quotaUsage(db: Reader, clusterId: string, persona: string): Promise<Resources> {
  const up = await db.cachedInstance.aggregate({ where: { clusterId, ownerKey: persona, adminState: "up" }, _sum: { memory: true, vcpus: true } });
  const all = await db.cachedInstance.aggregate({ where: { clusterId, ownerKey: persona }, _sum: { diskSize: true } });
  const pending = await db.managerJob.aggregate({ where: { clusterId, persona, endedAt: null }, _sum: { memory: true, vcpus: true, disk: true } });
  return {
    memory: (up._sum.memory ?? 0) + (pending._sum.memory ?? 0),
    vcpus: (up._sum.vcpus ?? 0) + (pending._sum.vcpus ?? 0),
    disk: (all._sum.diskSize ?? 0) + (pending._sum.disk ?? 0),
  };
}

/** The persona's override when it has one, else the cluster's default. */
export async function quotaLimits(db: Pick<Prisma.TransactionClient, "quota" | "cluster">, clusterId: string, persona: string): Promise<Limits & { isDefault: boolean }> {
  const own = await db.quota.findUnique({ where: { clusterId_persona: { clusterId, persona } } });
  if (own) return { memory: own.memory, vcpus: own.vcpus, disk: own.disk, isDefault: false };
  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { quotaMemory: true, quotaVcpus: true, quotaDisk: true } });
  return { memory: cluster.quotaMemory, vcpus: cluster.quotaVcpus, disk: cluster.quotaDisk, isDefault: true };
}

/** What would go over, in words ("2048 MiB of memory more than the 4096 MiB left"), or null when it all fits. */
export function overdraw(limits: Limits, used: Resources): string | null {
  const over = RESOURCES.filter((r) => limits[r] !== null && used[r] > limits[r]!);
  if (!over.length) return null;
  return over.map((r) => `${RESOURCE_WORDS[r](used[r])} needed of a quota of ${RESOURCE_WORDS[r](limits[r]!)}`).join("; ");
}
