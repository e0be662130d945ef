// What the use cases need to know about e-mail: whether it is delivered (SMTP configured) or only kept in the outbox,
// and the app's address for the links in it.
import type { ServerConfig } from "@/lib/server/config";

export type MailSettings = { delivery: "smtp" | "outbox"; appUrl: string };

export const mailSettings = (config: Pick<ServerConfig, "mail" | "publicUrl">): MailSettings => ({
  delivery: config.mail.smtpUrl ? "smtp" : "outbox",
  appUrl: config.publicUrl,
});
