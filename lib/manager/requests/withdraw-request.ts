// The applicant takes back a request nobody has decided yet.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { findRequest, requestObject } from "./find-request";

export async function withdrawRequest({ db }: { db: Db }, { actor, id }: { actor: Actor; id: unknown }): Promise<{ id: number; status: string }> {
  const request = await findRequest(db, id);
  if (request.applicantId !== actor.id) {
    const message = "Not allowed: only the applicant withdraws a request.";
    await recordAudit(db, actor, { action: "request.withdraw", result: "refused", object: requestObject(request), message });
    throw new AppError("forbidden", message);
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.vmRequest.updateMany({ where: { id: request.id, status: "pending" }, data: { status: "withdrawn", endedAt: new Date() } });
    if (!count) throw new AppError("conflict", `Request #${request.id} is no longer pending (it was decided meanwhile); only a pending request can be withdrawn.`);
    await recordAudit(tx, actor, { action: "request.withdraw", result: "success", object: requestObject(request), persona: request.persona, before: { status: request.status }, after: { status: "withdrawn" } });
  });
  return { id: request.id, status: "withdrawn" };
}
