// A signed-in user asks for a VM (ganetimgr's application): checked as the form checks it live, written as pending
// with its audit row and the approvers' e-mail in one transaction.
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { requestFiledMail } from "@/lib/manager/mail/mail-texts";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { approverEmails } from "@/lib/manager/mail/recipients";
import { readRequestSettings } from "@/lib/manager/settings/request-settings";
import { requestFacts } from "./request-facts";
import { checkRequestFields } from "./request-checks";
import { requestInput } from "./request-input";
import type { RequestDeps } from "./request-deps";
import { requestObject } from "./find-request";

const KIND_OF_PROBLEM = { owner: "forbidden", hostname: "conflict", quota: "quota_exceeded" } as const;

export async function fileRequest(deps: RequestDeps, { actor, input }: { actor: Actor; input: unknown }): Promise<{ id: number; status: string }> {
  const { db } = deps;
  const fields = parseInput(requestInput, input);
  const check = await checkRequestFields(db, await loadAccess(db, actor), fields, await readRequestSettings(db));
  const problem = check.problems[0];
  if (problem) throw new AppError(KIND_OF_PROBLEM[problem.field as keyof typeof KIND_OF_PROBLEM] ?? "wrong_input", problem.message);
  const request = await db.$transaction(async (tx) => {
    const created = await tx.vmRequest.create({
      data: {
        applicantId: actor.id,
        persona: check.persona,
        hostname: fields.hostname,
        memory: fields.memory,
        vcpus: fields.vcpus,
        disk: fields.disk,
        os: fields.os,
        network: fields.network,
        purpose: fields.purpose,
        preferredClusterId: check.preferredClusterId,
      },
    });
    await recordAudit(tx, actor, { action: "request.create", result: "success", object: requestObject(created), persona: check.persona, clusterId: check.preferredClusterId, after: { ...fields, owner: check.persona } });
    await queueMail(tx, deps.mail, await approverEmails(tx, check.preferredClusterId ?? undefined), requestFiledMail(deps.mail.appUrl, await requestFacts(tx, created)));
    return created;
  });
  wakeMailDelivery();
  return { id: request.id, status: request.status };
}
