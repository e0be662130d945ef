// E-mail delivery in the server process, when GANTRY_SMTP_URL is set (without it, mail stays in the outbox).
import { db } from "@/lib/db/client";
import { startMailDelivery, type MailDelivery } from "@/lib/mail/delivery-loop";
import { createSmtpTransport, smtpEndpoint } from "@/lib/mail/smtp-transport";
import type { ServerConfig } from "@/lib/server/config";

export function startServerMailDelivery(config: ServerConfig, log: (line: string) => void): MailDelivery | null {
  const { smtpUrl, from } = config.mail;
  if (!smtpUrl) return null;
  const endpoint = smtpEndpoint(smtpUrl);
  log(`mail: delivering through ${endpoint} as ${from}`);
  return startMailDelivery({ db: db(), transport: createSmtpTransport(smtpUrl), from, endpoint, log });
}
