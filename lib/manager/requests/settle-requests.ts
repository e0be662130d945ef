// The end of an approved request's create job, written with the job's end (follow-jobs.ts, same transaction): the
// request becomes created — the applicant is mailed how to reach the VM — or failed with the cluster's reason, which
// goes to the applicant and the reviewer.
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestCreatedMail, requestFailedMail } from "@/lib/manager/mail/mail-texts";
import type { MailSettings } from "@/lib/manager/mail/mail-settings";
import { queueMail } from "@/lib/manager/mail/queue-mail";
import { requestFacts } from "./request-facts";

export type EndedCreate = { recordId: string; status: string; failure: string };

/** Settles the request that follows this job, if any; true when one was settled (mail may be waiting). */
export async function settleRequest(tx: Prisma.TransactionClient, mail: MailSettings, ended: EndedCreate): Promise<boolean> {
  const request = await tx.vmRequest.findUnique({ where: { managerJobId: ended.recordId }, include: { cluster: { select: { slug: true } }, reviewer: { select: { email: true, isActive: true } } } });
  if (!request || request.status !== "submitted") return false;
  const created = ended.status === "success";
  const failure = created ? "" : ended.failure || (ended.status === "canceled" ? "The create job was canceled." : `The create job ended ${ended.status}.`);
  await tx.vmRequest.update({ where: { id: request.id }, data: { status: created ? "created" : "failed", failure, endedAt: new Date() } });
  const facts = await requestFacts(tx, request);
  const cluster = request.cluster?.slug ?? "?";
  if (created) await queueMail(tx, mail, [facts.applicantEmail], requestCreatedMail(mail.appUrl, facts, { cluster }));
  else await queueMail(tx, mail, [facts.applicantEmail, request.reviewer?.isActive ? request.reviewer.email : ""], requestFailedMail(mail.appUrl, facts, { cluster, failure }));
  return true;
}
