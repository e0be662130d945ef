// Delivery through a real SMTP server started here (smtp-server, requiring AUTH), read back as a recipient's mail
// program would (mailparser), against a real SQLite database: what arrives, and what the outbox says afterwards.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { queueMail, wakeMailDelivery } from "@/lib/manager/mail/queue-mail";
import { deliverQueuedMail } from "./deliver-queued-mail";
import { startMailDelivery } from "./delivery-loop";
import { createSmtpTransport, type MailTransport } from "./smtp-transport";
import { startTestSmtpServer, type TestSmtpServer } from "./testing";

const FROM = "Gantry <gantry@example.org>";
const USER = "gantry@example.org";
const PASSWORD = "s3cret: p@ss/word"; // characters that must be percent-encoded in the URL
const SETTINGS = { delivery: "smtp", appUrl: "http://gantry.test" } as const;
const T0 = new Date("2026-12-01T10:00:00Z");
const MINUTE = 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);
/** A round's clock moves on while it sends: times it writes are its start plus up to a few seconds. */
function soonAfter(date: Date, start: Date): void {
  expect(date.getTime()).toBeGreaterThanOrEqual(start.getTime());
  expect(date.getTime()).toBeLessThan(start.getTime() + 5_000);
}
/** On the wire a message body ends with a line break; a mail program shows the text with it. */
const asReceived = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

let database: TestDatabase;
let smtp: TestSmtpServer;
const transports: MailTransport[] = [];
const transport = (url: string) => {
  const made = createSmtpTransport(url);
  transports.push(made);
  return made;
};

beforeAll(async () => {
  smtp = await startTestSmtpServer({
    user: USER,
    password: PASSWORD,
    refuse: {
      "nobody@example.org": [550, "5.1.1 <nobody@example.org>: no such user"],
      "busy@example.org": [450, "4.2.1 mailbox busy, try later"],
      "friend@elsewhere.example": [550, "5.7.1 relaying denied"],
    },
  });
});
afterAll(() => smtp.close());
beforeEach(async () => {
  database = await createTestDatabase();
  smtp.received.length = 0;
});
afterEach(async () => {
  for (const made of transports.splice(0)) made.close();
  await database.cleanup();
});

async function queue(to: string, subject: string, text: string, kind = "request.new"): Promise<string> {
  await queueMail(database.db, SETTINGS, [to], { kind, subject, text });
  const row = await database.db.mailMessage.findFirstOrThrow({ where: { to, subject }, orderBy: { createdAt: "desc" } });
  await database.db.mailMessage.update({ where: { id: row.id }, data: { nextAttemptAt: T0, createdAt: T0 } });
  return row.id;
}
const row = (id: string) => database.db.mailMessage.findUniqueOrThrow({ where: { id } });

describe("deliverQueuedMail through a real SMTP server", () => {
  it("sends each queued message with its From, To, subject and text (UTF-8 intact) and marks it sent", async () => {
    const ids = [
      await queue("ana@example.org", "VM request #1: web1 from bob@example.org", "bob asks for a VM.\n\nReview it: http://gantry.test/applications/1"),
      await queue("zoe@example.org", "Your VM request #2 (db1) is approved — Grüße", "Genehmigt: 1 GiB memory, 2 vCPUs.\nZoë, ça marche ✓ 日本語\n"),
      await queue("carl@example.org", "Your VM web2 is ready", "It runs on cluster main."),
    ];
    const report = await deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: T0 });
    expect(report).toMatchObject({ attempted: 3, sent: 3, failures: [] });

    const received = await smtp.waitForMail(3);
    const bySubject = (prefix: string) => received.find((mail) => mail.subject.startsWith(prefix));
    expect(bySubject("VM request #1")).toMatchObject({ from: FROM, to: "ana@example.org", text: asReceived("bob asks for a VM.\n\nReview it: http://gantry.test/applications/1"), user: USER, autoSubmitted: "auto-generated" });
    expect(bySubject("Your VM request #2")).toMatchObject({
      to: "zoe@example.org",
      subject: "Your VM request #2 (db1) is approved — Grüße",
      text: "Genehmigt: 1 GiB memory, 2 vCPUs.\nZoë, ça marche ✓ 日本語\n",
    });
    expect(bySubject("Your VM web2")?.text).toBe(asReceived("It runs on cluster main."));
    // The Message-ID is the outbox row's, the same on every attempt (a resend can be told apart from a new message).
    expect(received.map((mail) => mail.messageId).sort()).toEqual(ids.map((id) => `<${id}@example.org>`).sort());

    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 0, lastError: "" });
    soonAfter((await row(ids[0]!)).sentAt!, T0);
    // Nothing is sent twice: a second round finds nothing to do.
    expect(await deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: later(MINUTE) })).toMatchObject({ attempted: 0 });
    expect(smtp.received).toHaveLength(3);
  });

  it("keeps the messages queued with the server's words when the password is wrong, and sends them once it is right", async () => {
    const ids = [await queue("ana@example.org", "one", "1"), await queue("bob@example.org", "two", "2")];
    const report = await deliverQueuedMail(database.db, transport(smtp.url(USER, "wrong")), { from: FROM, now: T0 });
    expect(report).toMatchObject({ attempted: 2, sent: 0 });
    expect(smtp.received).toHaveLength(0);
    for (const id of ids) {
      const message = await row(id);
      expect(message).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
      expect(message.lastError).toContain("535 5.7.8 Authentication credentials invalid");
      soonAfter(message.nextAttemptAt, later(MINUTE));
    }

    const right = transport(smtp.url(USER, PASSWORD));
    expect(await deliverQueuedMail(database.db, right, { from: FROM, now: later(30_000) })).toMatchObject({ attempted: 0 }); // not due yet
    expect(await deliverQueuedMail(database.db, right, { from: FROM, now: later(MINUTE + 5_000) })).toMatchObject({ sent: 2 });
    expect((await smtp.waitForMail(2)).map((mail) => mail.subject).sort()).toEqual(["one", "two"]);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("gives up at once on a recipient the server says does not exist, retries one it refuses otherwise, and sends the others", async () => {
    const nobody = await queue("nobody@example.org", "to nobody", "x");
    const busy = await queue("busy@example.org", "to busy", "x");
    // Refused by policy: usually Gantry's own set-up (no credentials in the URL), so it is retried until fixed.
    const relayed = await queue("friend@elsewhere.example", "to elsewhere", "x");
    const ana = await queue("ana@example.org", "to ana", "x");
    const report = await deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: T0 });
    expect(report.sent).toBe(1);
    expect(report.failures).toEqual([
      { to: "nobody@example.org", error: "550 5.1.1 <nobody@example.org>: no such user", final: true },
      { to: "busy@example.org", error: "450 4.2.1 mailbox busy, try later", final: false },
      { to: "friend@elsewhere.example", error: "550 5.7.1 relaying denied", final: false },
    ]);
    expect((await smtp.waitForMail(1)).map((mail) => mail.to)).toEqual(["ana@example.org"]);
    expect(await row(nobody)).toMatchObject({ status: "failed", attempts: 1, lastError: "550 5.1.1 <nobody@example.org>: no such user" });
    for (const id of [busy, relayed]) {
      expect(await row(id)).toMatchObject({ status: "queued", attempts: 1 });
      soonAfter((await row(id)).nextAttemptAt, later(MINUTE));
    }
    expect(await row(ana)).toMatchObject({ status: "sent" });
  });

  it("loses nothing while the server is down: queued with the error, sent when it answers again", async () => {
    const down = await startTestSmtpServer({ user: USER, password: PASSWORD });
    const downUrl = down.url(USER, PASSWORD);
    await down.close();
    const ids = [await queue("ana@example.org", "first", "1"), await queue("bob@example.org", "second", "2")];
    const report = await deliverQueuedMail(database.db, transport(downUrl), { from: FROM, now: T0 });
    expect(report).toMatchObject({ attempted: 2, sent: 0 });
    for (const id of ids) {
      const message = await row(id);
      expect(message).toMatchObject({ status: "queued", attempts: 1 });
      expect(message.lastError).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+/);
    }
    await deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: later(2 * MINUTE) });
    expect((await smtp.waitForMail(2)).map((mail) => mail.subject).sort()).toEqual(["first", "second"]);
  });

  it("backs off 1 min, 5 min, 30 min, 2 h, 6 h and marks the message failed after the 6th failed attempt", async () => {
    const id = await queue("ana@example.org", "never", "x");
    const wrong = transport(smtp.url(USER, "wrong"));
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await deliverQueuedMail(database.db, wrong, { from: FROM, now });
      const message = await row(id);
      expect(message.attempts).toBe(attempt);
      if (message.status === "failed") break;
      delays.push(Math.round((message.nextAttemptAt.getTime() - now.getTime()) / MINUTE));
      now = message.nextAttemptAt;
    }
    expect(delays).toEqual([1, 5, 30, 120, 360]);
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 6 });
    expect(smtp.received).toHaveLength(0);
  });

  it("takes up a message left 'sending' by a crash once its claim has lapsed, and leaves one another loop holds", async () => {
    const crashed = await queue("ana@example.org", "left by a crash", "x");
    const held = await queue("bob@example.org", "held by another loop", "y");
    await database.db.mailMessage.update({ where: { id: crashed }, data: { status: "sending", nextAttemptAt: later(-MINUTE) } });
    await database.db.mailMessage.update({ where: { id: held }, data: { status: "sending", nextAttemptAt: later(9 * MINUTE) } });
    // One that had failed five times before: the interruption was its sixth attempt, so it is given up.
    const lastTry = await queue("carl@example.org", "interrupted on its last attempt", "z");
    await database.db.mailMessage.update({ where: { id: lastTry }, data: { status: "sending", attempts: 5, nextAttemptAt: later(-MINUTE) } });

    const report = await deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: T0 });
    expect(report).toMatchObject({ interrupted: { requeued: 1, failed: 1 }, sent: 1 });
    expect((await smtp.waitForMail(1)).map((mail) => mail.subject)).toEqual(["left by a crash"]);
    expect(await row(crashed)).toMatchObject({ status: "sent", attempts: 1 });
    expect((await row(crashed)).lastError).toMatch(/^Interrupted/);
    expect(await row(held)).toMatchObject({ status: "sending", attempts: 0, nextAttemptAt: later(9 * MINUTE) });
    expect(await row(lastTry)).toMatchObject({ status: "failed", attempts: 6 });
  });

  it("sends each message once when two processes deliver from one database at the same time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await queue(`user${i}@example.org`, `message ${i}`, `${i}`));
    const other = createPrismaClient(`file:${database.file}`);
    try {
      const [a, b] = await Promise.all([
        deliverQueuedMail(database.db, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: T0 }),
        deliverQueuedMail(other, transport(smtp.url(USER, PASSWORD)), { from: FROM, now: T0 }),
      ]);
      expect(a.sent + b.sent).toBe(12);
    } finally {
      await other.$disconnect();
    }
    const subjects = (await smtp.waitForMail(12)).map((mail) => mail.subject);
    expect(new Set(subjects).size).toBe(12);
    expect(subjects).toHaveLength(12);
    expect(await database.db.mailMessage.count({ where: { status: "sent" } })).toBe(12);
  });
});

describe("STARTTLS", () => {
  let tlsServer: TestSmtpServer;
  beforeAll(async () => {
    tlsServer = await startTestSmtpServer({ user: USER, password: PASSWORD, starttls: true });
  });
  afterAll(() => tlsServer.close());

  it("upgrades an smtp:// connection when the server offers it, verifying the certificate unless the URL says not to", async () => {
    const id = await queue("ana@example.org", "over TLS", "x");
    await deliverQueuedMail(database.db, transport(tlsServer.url(USER, PASSWORD)), { from: FROM, now: T0 });
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 1 });
    expect((await row(id)).lastError).toMatch(/self[- ]signed certificate/);

    await deliverQueuedMail(database.db, transport(tlsServer.url(USER, PASSWORD, "tls.rejectUnauthorized=false")), { from: FROM, now: later(2 * MINUTE) });
    expect(await tlsServer.waitForMail(1)).toMatchObject([{ subject: "over TLS", secure: true, user: USER }]);
    expect(await row(id)).toMatchObject({ status: "sent" });
  });
});

describe("startMailDelivery", () => {
  it("delivers at start what waited, and at once when a use case wakes it", async () => {
    const waiting = await queue("ana@example.org", "waited for the start", "x");
    await database.db.mailMessage.update({ where: { id: waiting }, data: { nextAttemptAt: new Date() } });
    const loop = startMailDelivery({ db: database.db, transport: transport(smtp.url(USER, PASSWORD)), from: FROM, intervalMs: 60_000 });
    try {
      await smtp.waitForMail(1, 2_000);
      await queueMail(database.db, SETTINGS, ["bob@example.org"], { kind: "request.rejected", subject: "woken", text: "y" });
      wakeMailDelivery();
      const received = await smtp.waitForMail(2, 2_000);
      expect(received.map((mail) => mail.subject)).toEqual(["waited for the start", "woken"]);
      await expect.poll(() => database.db.mailMessage.count({ where: { status: "sent" } })).toBe(2);
    } finally {
      await loop.stop();
    }
  });

  it("finishes the message in flight when stopped, and takes up no other", async () => {
    let dataStarted!: () => void;
    const started = new Promise<void>((resolve) => (dataStarted = resolve));
    let release!: () => void;
    const slow = await startTestSmtpServer({
      user: USER,
      password: PASSWORD,
      onDataStart: () => {
        dataStarted();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    try {
      const first = await queue("ana@example.org", "in flight", "x");
      const second = await queue("bob@example.org", "after the stop", "y");
      for (const id of [first, second]) await database.db.mailMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } });
      const loop = startMailDelivery({ db: database.db, transport: transport(slow.url(USER, PASSWORD)), from: FROM, intervalMs: 60_000 });
      await started;
      const stopped = loop.stop();
      release();
      await stopped;
      expect(slow.received.map((mail) => mail.subject)).toEqual(["in flight"]);
      expect(await row(first)).toMatchObject({ status: "sent" });
      expect(await row(second)).toMatchObject({ status: "queued", attempts: 0 });
    } finally {
      await slow.close();
    }
  });
});
