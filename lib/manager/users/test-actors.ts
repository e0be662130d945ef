// Test support: a superuser and an ordinary user in the database, as the edge would hand them to a use case.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";

export async function createTestActors(db: Db): Promise<{ admin: Actor; user: Actor }> {
  const a = await db.user.create({ data: { email: "root@example.org", name: "Root", passwordHash: "x", isAdmin: true } });
  const u = await db.user.create({ data: { email: "bob@example.org", name: "Bob", passwordHash: "x" } });
  return { admin: { id: a.id, email: a.email, isAdmin: true, ip: "192.0.2.1" }, user: { id: u.id, email: u.email, isAdmin: false, ip: "192.0.2.2" } };
}

/** The audit log, oldest first. */
export const auditRows = (db: Db) => db.auditEntry.findMany({ orderBy: { at: "asc" } });
