// The SMTP connection Gantry delivers through, made from GANTRY_SMTP_URL in nodemailer's URL form:
//   smtp://user:password@host:587   plain connection, upgraded with STARTTLS whenever the server offers it
//   smtps://user:password@host:465  TLS from the first byte
// Special characters in the user or password are percent-encoded (p@ss → p%40ss). The query string sets further
// nodemailer options, e.g. ?tls.rejectUnauthorized=false for a server with a self-signed certificate, or
// ?requireTLS=true to refuse a server that does not offer STARTTLS. Certificates are verified unless told otherwise.
// The URL holds the password: only smtpEndpoint() (host:port) may reach a log.
import nodemailer from "nodemailer";
import type { SMTPSentMessageInfo, SMTPTransportOptions, Transporter } from "nodemailer";

export type MailTransport = Pick<Transporter<SMTPSentMessageInfo, SMTPTransportOptions>, "sendMail" | "close">;

// nodemailer waits minutes by default; a delivery loop that must stop promptly (finishing the message in flight) and
// retry later does better to give up sooner. Options in the URL's query still win over these.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
}

/** Where mail goes, for logs: host and port only (nodemailer's default ports when the URL names none). */
export function smtpEndpoint(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const port = url.port || (url.protocol === "smtps:" ? "465" : "587");
  return `${url.hostname}:${port}`;
}
