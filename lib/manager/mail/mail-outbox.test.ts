// Superusers read the mail Gantry wrote (a real SQLite database): newest first, filtered and paged, with whether it
// is delivered; one message's text; anyone else is refused, and the refusal is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { getMail } from "./get-mail";
import { listMail } from "./list-mail";
import type { MailSettings } from "./mail-settings";
import { queueMail } from "./queue-mail";

let t: TestDatabase;
const outbox: MailSettings = { delivery: "outbox", appUrl: "http://gantry.test" };
const admin: Actor = { id: "u-admin", email: "admin@example.org", isAdmin: true, ip: "192.0.2.1" };
const user: Actor = { id: "u-ann", email: "ann@example.org", isAdmin: false, ip: "192.0.2.2" };
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const list = (input: Record<string, unknown> = {}, mail = outbox) => listMail({ db: t.db, mail }, { actor: admin, input });

beforeAll(async () => {
  t = await createTestDatabase();
  await queueMail(t.db, outbox, ["Ann@Example.org", "bo@example.org"], { kind: "request.new", subject: "VM request #1", text: "Review it." });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await queueMail(t.db, outbox, ["ann@example.org"], { kind: "request.rejected", subject: "Your VM request #1 was rejected", text: "Their reason: no room." });
  await queueMail(t.db, { ...outbox, delivery: "smtp" }, ["cy@example.org"], { kind: "broadcast", subject: "Maintenance", text: "Sunday." });
});
afterAll(() => t?.cleanup());

describe("the outbox", () => {
  it("lists every message newest first, filtered by status, kind and recipient, a page at a time", async () => {
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.delivery).toBe("outbox");
    expect(all.items[0]).toMatchObject({ to: "cy@example.org", subject: "Maintenance", status: "queued" });
    expect(all.items.at(-1)?.kind).toBe("request.new");
    expect("text" in all.items[0]!).toBe(false);
    expect((await list({ status: "queued" })).items.map((m) => m.to)).toEqual(["cy@example.org"]);
    expect((await list({ kind: "request." })).total).toBe(3);
    expect((await list({ to: "ANN@" })).items.map((m) => m.kind)).toEqual(["request.rejected", "request.new"]);
    expect(await list({ pageSize: "1", page: "2" })).toMatchObject({ total: 4, page: 2, pageSize: 1, items: [{ kind: "request.rejected" }] });
    expect((await list({}, { ...outbox, delivery: "smtp" })).delivery).toBe("smtp");
    expect(isAppError(await failure(list({ status: "lost" })), "wrong_input")).toBe(true);
  });

  it("opens one message with its text", async () => {
    const [rejected] = (await list({ kind: "request.rejected" })).items;
    expect(await getMail({ db: t.db }, { actor: admin, id: rejected!.id })).toMatchObject({ to: "ann@example.org", text: "Their reason: no room." });
    expect(isAppError(await failure(getMail({ db: t.db }, { actor: admin, id: "nope" })), "not_found")).toBe(true);
  });

  it("is for superusers only; a refusal is audited", async () => {
    expect(isAppError(await failure(listMail({ db: t.db, mail: outbox }, { actor: user, input: {} })), "forbidden")).toBe(true);
    expect(isAppError(await failure(getMail({ db: t.db }, { actor: user, id: "x" })), "forbidden")).toBe(true);
    expect(await t.db.auditEntry.count({ where: { actorEmail: user.email, result: "refused", action: { in: ["mail.list", "mail.read"] } } })).toBe(2);
  });
});
