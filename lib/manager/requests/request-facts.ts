// What the e-mails about a request say of it: its sizes, the applicant's address and the owner's name.
import type { Db } from "@/lib/db/client";
import type { Prisma, VmRequest } from "@/lib/generated/prisma/client";
import type { RequestFacts } from "@/lib/manager/mail/mail-texts";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";

export async function requestFacts(db: Pick<Db, "user" | "group"> | Prisma.TransactionClient, request: VmRequest): Promise<RequestFacts & { applicantEmail: string }> {
  const applicant = await db.user.findUnique({ where: { id: request.applicantId }, select: { email: true, isActive: true } });
  const labels = await personaLabels(db, [request.persona]);
  return {
    id: request.id,
    hostname: request.hostname,
    memory: request.memory,
    vcpus: request.vcpus,
    disk: request.disk,
    os: request.os,
    purpose: request.purpose,
    applicant: applicant?.email ?? "a former user",
    applicantEmail: applicant?.isActive ? applicant.email : "",
    ownerLabel: labels.get(request.persona) ?? request.persona,
  };
}
