// The e-mails about VMs that are not about a request: the link an owner follows to confirm a destructive action, and
// an administrator's notice (broadcast) to the owners of VMs. Plain text, like mail-texts.ts.
import { formatUtc } from "@/lib/text/format-utc";
import { FOOTER, vmLink, type Mail } from "./mail-texts";

export const confirmationLink = (appUrl: string, token: string) => `${appUrl}/confirm/${token}`;

export function confirmActionMail(appUrl: string, what: { token: string; title: string; effect: string; cluster: string; instance: string; to: string; expiresAt: Date }): Mail {
  return {
    kind: "action.confirm",
    subject: `Confirm: ${what.title}`,
    text: `You asked Gantry to ${what.title.charAt(0).toLowerCase()}${what.title.slice(1)} (cluster ${what.cluster}).

What will happen: ${what.effect}

Nothing happens until you confirm. To go ahead, open this link signed in as ${what.to} and press the button there:

  ${confirmationLink(appUrl, what.token)}

The link works once, until ${formatUtc(what.expiresAt)}. If you did not ask for this, ignore this message: nothing changes, and the VM's page shows who asked: ${vmLink(appUrl, what.cluster, what.instance)}${FOOTER}`,
  };
}

export function broadcastMail(appUrl: string, notice: { subject: string; text: string; sender: string; cluster: string; instances: string[] }): Mail {
  const listed = notice.instances.slice(0, 50).map((name) => `  - ${name}: ${vmLink(appUrl, notice.cluster, name)}`).join("\n");
  const more = notice.instances.length > 50 ? `\n  … and ${notice.instances.length - 50} more` : "";
  return {
    kind: "broadcast",
    subject: notice.subject,
    text: `${notice.text.trim()}

--
Sent by ${notice.sender} to the owners of VMs on cluster ${notice.cluster}. Yours among them (you own them, or a group of yours does):
${listed}${more}${FOOTER}`,
  };
}
