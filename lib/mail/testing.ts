// Test support: a real SMTP server (nodemailer's smtp-server) on 127.0.0.1 that requires AUTH PLAIN or LOGIN with
// one user and password, and keeps every message it accepted as a recipient's mail program would read it (mailparser).
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { makeTempDir } from "@/lib/db/testing";
import { ensureCertificate } from "@/lib/ganeti/rapi/server/certificate";

export type ReceivedMail = {
  /** "Name <address>" or "address", as a mail program shows the headers. */
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  autoSubmitted: string;
  /** The SMTP session: who logged in, and whether the connection was encrypted (STARTTLS). */
  user: string;
  secure: boolean;
};

export type TestSmtpServerOptions = {
  user: string;
  password: string;
  /** Offer STARTTLS (with a self-signed certificate made here) and allow AUTH only after it. */
  starttls?: boolean;
  /** Recipients refused at RCPT TO, with the server's reply, e.g. { "x@example.org": [550, "5.1.1 no such user"] }. */
  refuse?: Record<string, [code: number, text: string]>;
  /** Called when a message's data starts to arrive; the server accepts it once the promise settles. */
  onDataStart?: () => Promise<void>;
};

export type TestSmtpServer = {
  port: number;
  /** An smtp:// URL for this server, with the given credentials percent-encoded. */
  url(user: string, password: string, query?: string): string;
  received: ReceivedMail[];
  /** Waits (polling) until at least count messages arrived. */
  waitForMail(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

export async function startTestSmtpServer(options: TestSmtpServerOptions): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  // smtp-server's built-in certificate has expired (a client would say so, not "self-signed"): make a fresh one.
  const certDir = options.starttls ? makeTempDir("gantry-smtp-cert-") : null;
  const tls = certDir ? ensureCertificate(certDir, ["localhost"]) : null;
  const config: SMTPServerOptions = {
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: !options.starttls,
    disabledCommands: options.starttls ? [] : ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.[address.address];
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal[1]), { responseCode: refusal[0] }));
    },
    onData(stream, session, callback) {
      const accept = options.onDataStart?.() ?? Promise.resolve();
      Promise.all([simpleParser(stream), accept])
        .then(([mail]) => {
          received.push({
            from: addresses(mail.from),
            to: addresses(mail.to),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            messageId: mail.messageId ?? "",
            autoSubmitted: String(mail.headers.get("auto-submitted") ?? ""),
            user: String(session.user ?? ""),
            secure: session.secure,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: (user, password, query = "") => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}${query ? `/?${query}` : ""}`,
    received,
    async waitForMail(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s) at the SMTP server, got ${received.length} in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
    },
  };
}

const addresses = (header: AddressObject | AddressObject[] | undefined): string =>
  [header ?? []]
    .flat()
    .flatMap((object) => object.value)
    .map((address) => (address.name ? `${address.name} <${address.address}>` : (address.address ?? "")))
    .join(", ");
