// A reviewer approves a pending (or failed) request onto a cluster they may approve onto: they pick the disk
// template and the placement (nodes, or a node group for the allocator), may change the network and the sizes, and
// add a note. The request is claimed first — pending → approved in one conditional write, so of two approvers
// pressing at once one wins and the other is told — then the VM is created for the request's owner by a job, with
// the quota reservation, and the request becomes submitted in the same transaction; the job's end makes it created
// or failed (settle-requests.ts). Over the owner's quota the approval is refused unless the reviewer overrides it
// explicitly, which is audited as request.quota_override. A cluster that refuses the job makes the request failed
// with its words; it may be approved again.
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import type { VmRequest } from "@/lib/generated/prisma/client";
import { loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { createInstanceInput } from "@/lib/manager/instances/create-instance";
import { mebibytes, vcpuCount } from "@/lib/manager/instances/instance-sizes";
import { ensureWritable } from "@/lib/manager/instances/instance-target";
import { submitCreate } from "@/lib/manager/instances/submit-create";
import { requestApprovedMail } from "@/lib/manager/mail/mail-texts";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { resolvePersona } from "@/lib/manager/personas/resolve-persona";
import { overdraw, quotaLimits, quotaUsage } from "@/lib/manager/quotas/quota-usage";
import { findRequest, requestObject } from "./find-request";
import { requestFacts } from "./request-facts";
import type { RequestDeps } from "./request-deps";
import { DECIDABLE_STATUSES } from "./request-status";

const approveInput = z
  .object({
    cluster: z.string({ message: "Cluster: choose the cluster the VM goes to." }).trim().min(1, "Cluster: choose the cluster the VM goes to."),
    diskTemplate: createInstanceInput.shape.diskTemplate,
    pnode: z.string().trim().max(255).optional(),
    snode: z.string().trim().max(255).optional(),
    group: z.string().trim().max(255).optional(),
    /** A Ganeti network for the VM's NIC; left out: the one asked for ("" for the cluster's default NIC). */
    network: z.string().trim().max(200).optional(),
    memory: mebibytes("Memory", 64).optional(),
    vcpus: vcpuCount.optional(),
    disk: mebibytes("Disk", 1).optional(),
    message: z.string().trim().max(4000, "Message: at most 4000 characters.").default(""),
    /** Create it even though it takes the owner beyond their quota (audited). */
    overrideQuota: z.boolean().default(false),
  })
  .strict();

export type ApproveResult = { id: number; status: string; cluster: string; jobId: number };

export async function approveRequest(deps: RequestDeps, { actor, id, input }: { actor: Actor; id: unknown; input: unknown }): Promise<ApproveResult> {
  const { db } = deps;
  const request = await findRequest(db, id);
  const choice = parseInput(approveInput, input);
  const cluster = await findCluster(db, choice.cluster);
  const access = await loadAccess(db, actor);
  const object = requestObject(request);
  await authorize(db, access, "request.review", { clusterId: cluster.id }, { action: "request.approve", object });
  ensureWritable(cluster);
  if (!DECIDABLE_STATUSES.includes(request.status as never)) throw new AppError("conflict", `Request #${request.id} is ${request.status} already; only a pending or failed request can be approved.`);
  const owner = await resolvePersona(db, request.persona, "Owner");
  const network = choice.network ?? request.network;
  const fields = parseInput(createInstanceInput, {
    cluster: cluster.slug,
    name: request.hostname,
    owner: request.persona,
    diskTemplate: choice.diskTemplate,
    disks: choice.diskTemplate === "diskless" ? [] : [choice.disk ?? request.disk],
    memory: choice.memory ?? request.memory,
    vcpus: choice.vcpus ?? request.vcpus,
    os: request.os,
    ...(choice.pnode ? { pnode: choice.pnode } : {}),
    ...(choice.snode ? { snode: choice.snode } : {}),
    ...(choice.group && !choice.pnode ? { group: choice.group } : {}),
    nics: [network ? { network } : {}],
  });
  if (await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: fields.name } } })) {
    throw new AppError("conflict", `Cluster ${cluster.slug} already has a VM ${fields.name}; reject the request, or ask the applicant for another name.`);
  }
  const over = await quotaOverdraw(db, cluster.id, request.persona, fields);
  if (over && !choice.overrideQuota) {
    await recordAudit(db, actor, { action: "request.approve", result: "refused", object, clusterId: cluster.id, persona: request.persona, message: `Over quota: ${over}.` });
    throw new AppError("quota_exceeded", `Over the owner's quota on cluster ${cluster.slug}: ${over}. Change the sizes, or approve beyond the quota explicitly (the override is audited).`);
  }
  const placement = { diskTemplate: fields.diskTemplate, pnode: fields.pnode ?? null, snode: fields.snode ?? null, group: fields.group ?? null, network };
  const decided = { status: "approved", reviewerId: actor.id, clusterId: cluster.id, placement: JSON.stringify(placement), quotaOverride: !!over, reviewMessage: choice.message, decidedAt: new Date(), failure: "" };
  // The claim: one approver wins; the others find the status changed.
  const { count } = await db.vmRequest.updateMany({ where: { id: request.id, status: request.status }, data: decided });
  if (!count) throw new AppError("conflict", `Request #${request.id} was decided by someone else a moment ago; reload it to see what they did.`);
  await recordAudit(db, actor, { action: "request.approve", result: "success", object, clusterId: cluster.id, persona: request.persona, before: { status: request.status }, after: { status: "approved", cluster: cluster.slug, ...placement, message: choice.message } });
  if (over) await recordAudit(db, actor, { action: "request.quota_override", result: "success", object, clusterId: cluster.id, persona: request.persona, message: `Approved beyond the owner's quota: ${over}.` });

  try {
    const submitted = await submitCreate(deps, {
      actor,
      cluster,
      fields,
      owner,
      quotaChecked: !over,
      object: { type: "instance", id: `${cluster.slug}/${fields.name}`, name: fields.name },
      auditExtra: { request: request.id },
      within: async (tx, recordId) => {
        await tx.vmRequest.update({ where: { id: request.id }, data: { status: "submitted", managerJobId: recordId } });
      },
    });
    await db.vmRequest.update({ where: { id: request.id }, data: { jobId: submitted.jobId } });
    const facts = await requestFacts(db, request);
    await queueMail(db, deps.mail, [facts.applicantEmail], requestApprovedMail(deps.mail.appUrl, facts, { reviewer: actor.email, cluster: cluster.slug, message: choice.message }));
    wakeMailDelivery();
    return { id: request.id, status: "submitted", cluster: cluster.slug, jobId: submitted.jobId };
  } catch (error) {
    await unclaim(deps, request, error);
    throw error;
  }
}

/** What would go over the owner's quota with this VM running, in words, or null. */
async function quotaOverdraw(db: RequestDeps["db"], clusterId: string, persona: string, fields: { memory: number; vcpus: number; disks: number[] }): Promise<string | null> {
  const used = await quotaUsage(db, clusterId, persona);
  const after = { memory: used.memory + fields.memory, vcpus: used.vcpus + fields.vcpus, disk: used.disk + fields.disks.reduce((a, b) => a + b, 0) };
  return overdraw(await quotaLimits(db, clusterId, persona), after);
}

/**
 * The job was not taken. A quota that filled up meanwhile gives the request back to the queue as it was; anything
 * else (the cluster refused it or did not answer) makes it failed, with the reason, to be approved again later.
 */
async function unclaim({ db }: RequestDeps, request: VmRequest, error: unknown): Promise<void> {
  if (isAppError(error, "quota_exceeded") || isAppError(error, "conflict")) {
    await db.vmRequest.update({ where: { id: request.id }, data: { status: request.status, reviewerId: request.reviewerId, clusterId: request.clusterId, placement: request.placement, quotaOverride: request.quotaOverride, reviewMessage: request.reviewMessage, decidedAt: request.decidedAt, managerJobId: null } });
    return;
  }
  const failure = error instanceof Error ? error.message : String(error);
  await db.vmRequest.update({ where: { id: request.id }, data: { status: "failed", failure, managerJobId: null } });
}
