// A reviewer rejects a pending (or failed) request with a message the applicant gets by e-mail.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { requestRejectedMail } from "@/lib/manager/mail/mail-texts";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { findRequest, requestObject } from "./find-request";
import { requestFacts } from "./request-facts";
import type { RequestDeps } from "./request-deps";
import { DECIDABLE_STATUSES } from "./request-status";
import { requireReviewer } from "./review-access";

const rejectInput = z
  .object({ message: z.string({ message: "Message: tell the applicant why." }).trim().min(3, "Message: tell the applicant why (a few words at least).").max(4000, "Message: at most 4000 characters.") })
  .strict();

export async function rejectRequest(deps: RequestDeps, { actor, id, input }: { actor: Actor; id: unknown; input: unknown }): Promise<{ id: number; status: string }> {
  const { db } = deps;
  const request = await findRequest(db, id);
  await requireReviewer(db, await loadAccess(db, actor), { action: "request.reject", object: requestObject(request) });
  const { message } = parseInput(rejectInput, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.vmRequest.updateMany({
      where: { id: request.id, status: { in: DECIDABLE_STATUSES } },
      data: { status: "rejected", reviewerId: actor.id, reviewMessage: message, decidedAt: new Date(), endedAt: new Date() },
    });
    if (!count) throw new AppError("conflict", `Request #${request.id} was decided meanwhile (it is ${(await tx.vmRequest.findUnique({ where: { id: request.id } }))?.status}); reload it.`);
    await recordAudit(tx, actor, { action: "request.reject", result: "success", object: requestObject(request), persona: request.persona, before: { status: request.status }, after: { status: "rejected", message } });
    const facts = await requestFacts(tx, request);
    await queueMail(tx, deps.mail, [facts.applicantEmail], requestRejectedMail(deps.mail.appUrl, facts, { reviewer: actor.email, message }));
  });
  wakeMailDelivery();
  return { id: request.id, status: "rejected" };
}
