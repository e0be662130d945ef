// The e-mails Gantry writes: plain text, short, saying what happened and linking back to the page where it can be
// seen or acted on. Each function gets only what its text needs.
import { formatMiB } from "@/lib/text/format-mib";

export type Mail = { kind: string; subject: string; text: string };

export type RequestFacts = {
  id: number;
  hostname: string;
  memory: number;
  vcpus: number;
  disk: number;
  os: string;
  purpose: string;
  applicant: string;
  ownerLabel: string;
};

export const FOOTER = "\n\n-- \nGantry. You get this message because of your account there.";
const sizes = (r: Pick<RequestFacts, "memory" | "vcpus" | "disk">) => `${formatMiB(r.memory)} memory, ${r.vcpus} vCPU${r.vcpus === 1 ? "" : "s"}, ${formatMiB(r.disk)} disk`;
const requestLink = (appUrl: string, id: number) => `${appUrl}/applications/${id}`;
export const vmLink = (appUrl: string, cluster: string, name: string) => `${appUrl}/instances/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;

export function requestFiledMail(appUrl: string, r: RequestFacts): Mail {
  return {
    kind: "request.new",
    subject: `VM request #${r.id}: ${r.hostname} from ${r.applicant}`,
    text: `${r.applicant} asks for a VM:

  Name:    ${r.hostname}
  Owner:   ${r.ownerLabel}
  Size:    ${sizes(r)}
  OS:      ${r.os}
  Purpose: ${r.purpose}

Review it: ${requestLink(appUrl, r.id)}${FOOTER}`,
  };
}

export function requestApprovedMail(appUrl: string, r: RequestFacts, how: { reviewer: string; cluster: string; message: string }): Mail {
  return {
    kind: "request.approved",
    subject: `Your VM request #${r.id} (${r.hostname}) is approved`,
    text: `${how.reviewer} approved your request for ${r.hostname}. It is being created on cluster ${how.cluster}; you will get another message when it is ready.
${how.message ? `\nTheir note: ${how.message}\n` : ""}
Follow it: ${requestLink(appUrl, r.id)}${FOOTER}`,
  };
}

export function requestRejectedMail(appUrl: string, r: RequestFacts, how: { reviewer: string; message: string }): Mail {
  return {
    kind: "request.rejected",
    subject: `Your VM request #${r.id} (${r.hostname}) was rejected`,
    text: `${how.reviewer} rejected your request for ${r.hostname} (${sizes(r)}).

Their reason: ${how.message}

Your request: ${requestLink(appUrl, r.id)}${FOOTER}`,
  };
}

export function requestCreatedMail(appUrl: string, r: RequestFacts, where: { cluster: string }): Mail {
  return {
    kind: "request.created",
    subject: `Your VM ${r.hostname} is ready`,
    text: `The VM you asked for in request #${r.id} exists and is running: ${r.hostname} on cluster ${where.cluster} (${sizes(r)}, ${r.os}).

Its page (start, stop, reboot, settings): ${vmLink(appUrl, where.cluster, r.hostname)}
Its console in the browser: ${vmLink(appUrl, where.cluster, r.hostname)}/console${FOOTER}`,
  };
}

export function requestFailedMail(appUrl: string, r: RequestFacts, why: { cluster: string; failure: string }): Mail {
  return {
    kind: "request.failed",
    subject: `VM request #${r.id} (${r.hostname}): creation failed`,
    text: `Creating ${r.hostname} on cluster ${why.cluster} failed:

  ${why.failure}

The request can be approved again once the cause is dealt with: ${requestLink(appUrl, r.id)}${FOOTER}`,
  };
}

export function adminActedMail(appUrl: string, what: { admin: string; action: string; cluster: string; instance: string; jobId?: number }): Mail {
  return {
    kind: "instance.admin_action",
    subject: `${what.instance}: "${what.action}" asked by ${what.admin}`,
    text: `${what.admin} asked for "${what.action}" on your VM ${what.instance} (cluster ${what.cluster})${what.jobId === undefined ? "" : ` as job #${what.jobId}`}.

The VM's page and its history: ${vmLink(appUrl, what.cluster, what.instance)}${FOOTER}`,
  };
}
