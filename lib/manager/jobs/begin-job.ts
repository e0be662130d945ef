// The manager's record of a job it is about to submit (ManagerJob), with what the job adds to its owner's usage.
// Checking the quota and recording the reservation happen in one transaction that starts by writing, so it holds
// SQLite's write lock from its first statement: two requests never both see the same room (20 concurrent creates
// against a quota that fits 5 → exactly 5 accepted). The sync loop ends the record once the cache shows the outcome.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { overdraw, quotaLimits, quotaUsage, type Resources } from "@/lib/manager/quotas/quota-usage";

export type JobIntent = {
  clusterId: string;
  action: string;
  instanceName: string;
  actorId: string;
  /** Whose quota the job draws on, and how much it adds; absent: no quota involved. */
  reserve?: { persona: string; adds: Resources; /** Superusers are not held to quotas (as in GWM); their jobs still count. */ checked: boolean };
  /** What the record needs when the job ends (a rename's new name). */
  detail?: Record<string, unknown>;
  /** More writes that stand or fall with the reservation (a new VM's owner row). */
  within?: (tx: Prisma.TransactionClient, recordId: string) => Promise<void>;
};

// Requests queue for the write lock (one transaction at a time per process); each holds it for milliseconds.
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 10_000 };

export async function beginJob(db: Db, intent: JobIntent): Promise<string> {
  const { reserve } = intent;
  return db.$transaction(async (tx) => {
    const record = await tx.managerJob.create({
      data: {
        clusterId: intent.clusterId,
        action: intent.action,
        instanceName: intent.instanceName,
        actorId: intent.actorId,
        detail: JSON.stringify(intent.detail ?? {}),
        persona: reserve?.persona ?? "",
        memory: reserve?.adds.memory ?? 0,
        vcpus: reserve?.adds.vcpus ?? 0,
        disk: reserve?.adds.disk ?? 0,
      },
    });
    await intent.within?.(tx, record.id);
    if (reserve?.checked) {
      const used = await quotaUsage(tx, intent.clusterId, reserve.persona);
      const problem = overdraw(await quotaLimits(tx, intent.clusterId, reserve.persona), used);
      // Throwing rolls the reservation back with the transaction.
      if (problem) throw new AppError("quota_exceeded", `Over quota: ${problem}. Stop or shrink another VM, or ask an admin for more.`);
    }
    return record.id;
  }, TRANSACTION_OPTIONS);
}

/** The job was submitted: its id, so that the sync loop can follow it. */
export const jobSubmitted = (db: Pick<Db, "managerJob"> | Prisma.TransactionClient, recordId: string, jobId: number) => db.managerJob.update({ where: { id: recordId }, data: { jobId, status: "queued" } });

/** The job never reached the cluster: nothing to follow, nothing reserved. */
export const jobNotSubmitted = (db: Db, recordId: string) => db.managerJob.delete({ where: { id: recordId } });
