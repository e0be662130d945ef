// The request settings on a real SQLite database: the defaults until a superuser changes them, a change audited with
// before and after, a bad value refused with what to fix, and anyone else refused (audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { DEFAULT_REQUEST_SETTINGS, readRequestSettings } from "./request-settings";
import { updateRequestSettings } from "./update-request-settings";

let t: TestDatabase;
const admin: Actor = { id: "u-admin", email: "admin@example.org", isAdmin: true, ip: "192.0.2.1" };
const user: Actor = { id: "u-ann", email: "ann@example.org", isAdmin: false, ip: "192.0.2.2" };
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (error: unknown) => error as Error);
const update = (input: unknown, actor = admin) => updateRequestSettings({ db: t.db }, { actor, input });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.cleanup());

describe("request settings", () => {
  it("start as the defaults; a superuser's change is kept and audited with before and after", async () => {
    expect(await readRequestSettings(t.db)).toEqual(DEFAULT_REQUEST_SETTINGS);
    const changed = await update({ memoryMax: 8192, confirmDestructive: true });
    expect(changed).toEqual({ ...DEFAULT_REQUEST_SETTINGS, memoryMax: 8192, confirmDestructive: true });
    expect(await readRequestSettings(t.db)).toEqual(changed);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "settings.update", result: "success" } });
    expect(JSON.parse(entry.before ?? "{}")).toMatchObject({ memoryMax: 4096 });
    expect(JSON.parse(entry.after ?? "{}")).toMatchObject({ memoryMax: 8192, confirmDestructive: true });
  });

  it("refuses bad values, saying what to fix", async () => {
    const messages = async (input: unknown) => (await failure(update(input))).message;
    expect(await messages({ memoryMin: 32 })).toBe("Smallest memory: at least 64 MiB.");
    expect(await messages({ diskMin: 1.5 })).toBe("Smallest disk: a whole number of MiB.");
    expect(await messages({ vcpusMax: 0 })).toBe("Most vCPUs: at least 1.");
    expect(await messages({ confirmHours: 400 })).toBe("Link validity: at most 336 hours (14 days).");
    expect(await messages({ memoryMin: 8192, memoryMax: 1024 })).toBe("Memory: the smallest size must not exceed the largest.");
    expect((await readRequestSettings(t.db)).memoryMax).toBe(8192);
  });

  it("are changed by superusers only", async () => {
    expect(isAppError(await failure(update({ vcpusMax: 8 }, user)), "forbidden")).toBe(true);
    expect(await t.db.auditEntry.count({ where: { action: "settings.update", result: "refused", actorEmail: user.email } })).toBe(1);
  });
});
