// Interactive transactions are isolated from the rest of the process: what another request writes meanwhile is not
// inside the transaction, so a rollback does not take it away, and it does not see the transaction's rows.
import { afterEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";

let t: TestDatabase | undefined;
afterEach(async () => t?.cleanup());

const group = (name: string) => ({ data: { name } });

it("a write made while another request's transaction is open survives that transaction's rollback", async () => {
  t = await createTestDatabase();
  const db = t.db;
  let inside!: () => void;
  const txStarted = new Promise<void>((resolve) => (inside = resolve));
  const rolledBack = db
    .$transaction(async (tx) => {
      await tx.group.create(group("in-the-transaction"));
      inside();
      // Give the other request every chance to run while this transaction is open.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("changed my mind");
    })
    .catch((error: Error) => error.message);
  await txStarted;
  const [other, seenMeanwhile] = await Promise.all([db.group.create(group("another-request")), db.group.count({ where: { name: "in-the-transaction" } })]);
  expect(await rolledBack).toBe("changed my mind");
  expect(other.name).toBe("another-request");
  expect(seenMeanwhile).toBe(0);
  expect((await db.group.findMany({ orderBy: { name: "asc" } })).map((g) => g.name)).toEqual(["another-request"]);
});

it("transactions still commit, one after another", async () => {
  t = await createTestDatabase();
  const db = t.db;
  await Promise.all(Array.from({ length: 10 }, (_, i) => db.$transaction(async (tx) => void (await tx.group.create(group(`g${i}`))))));
  expect(await db.group.count()).toBe(10);
});
