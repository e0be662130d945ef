// Test support: a fresh database for each test with a superuser and an ordinary user in it, as the edge would hand
// them to a use case.
import { afterEach, beforeEach } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Actor } from "@/lib/manager/actor";

export async function createTestActors(db: Db): Promise<{ admin: Actor; user: Actor }> {
  const a = await db.user.create({ data: { email: "root@example.org", name: "Root", passwordHash: "x", isAdmin: true } });
  const u = await db.user.create({ data: { email: "bob@example.org", name: "Bob", passwordHash: "x" } });
  return { admin: { id: a.id, email: a.email, isAdmin: true, ip: "192.0.2.1" }, user: { id: u.id, email: u.email, isAdmin: false, ip: "192.0.2.2" } };
}

export type ActorsFixture = { t: TestDatabase; db: Db; admin: Actor; user: Actor };

/** Registers the hooks; the fixture's fields are those of the running test. */
export function useTestActors(): ActorsFixture {
  const fixture = {} as ActorsFixture;
  beforeEach(async () => {
    fixture.t = await createTestDatabase();
    fixture.db = fixture.t.db;
    Object.assign(fixture, await createTestActors(fixture.db));
  });
  afterEach(() => fixture.t.cleanup());
  return fixture;
}

/** The audit log, oldest first. */
export const auditRows = (db: Db) => db.auditEntry.findMany({ orderBy: { at: "asc" } });
