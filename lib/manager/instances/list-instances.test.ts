import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Actor } from "@/lib/manager/actor";
import { listInstances } from "./list-instances";

let t: TestDatabase;
const admin: Actor = { id: "a", email: "admin@example.org", isAdmin: true, ip: "" };
const user: Actor = { id: "u", email: "user@example.org", isAdmin: false, ip: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  // prod has no RAPI user: Gantry only reads it.
  for (const slug of ["lab", "prod"]) await t.db.cluster.create({ data: { id: `id-${slug}`, slug, name: `${slug}.example.org`, kind: "remote", rapiUrl: "https://x", rapiUser: slug === "lab" ? "gantry" : "" } });
  // 30 instances on lab, 5 on prod; every third one down.
  await t.db.cachedInstance.createMany({
    data: [
      ...Array.from({ length: 30 }, (_, i) => ({ clusterId: "id-lab", name: `vm${String(i).padStart(2, "0")}.lab`, status: i % 3 ? "running" : "ADMIN_down", memory: 512 * (i % 4 + 1), pnode: `node${i % 2}`, tags: JSON.stringify([`t${i}`]) })),
      ...Array.from({ length: 5 }, (_, i) => ({ clusterId: "id-prod", name: `db${i}.prod`, status: "running", memory: 8192, snodes: JSON.stringify(["node9"]) })),
    ],
  });
});
afterAll(() => t.cleanup());

const list = (input: Record<string, unknown>, actor = admin) => listInstances({ db: t.db }, { actor, input });

describe("the VM list", () => {
  it("pages through every cluster's VMs in name order, with the total", async () => {
    const first = await list({ pageSize: "10" });
    expect(first).toMatchObject({ total: 35, page: 1, pageSize: 10 });
    expect(first.items.map((i) => i.name).slice(0, 6)).toEqual(["db0.prod", "db1.prod", "db2.prod", "db3.prod", "db4.prod", "vm00.lab"]);
    expect(first.items[0]).toMatchObject({ cluster: "prod", snodes: ["node9"], memory: 8192 });
    const last = await list({ page: 4, pageSize: 10 });
    expect(last.items.map((i) => i.name)).toEqual(["vm25.lab", "vm26.lab", "vm27.lab", "vm28.lab", "vm29.lab"]);
    expect((await list({ page: 9, pageSize: 10 })).items).toEqual([]);
  });

  it("filters by cluster, status and name, and sorts by a column", async () => {
    expect((await list({ cluster: "PROD" })).total).toBe(5);
    expect((await list({ cluster: "lab", status: "ADMIN_down" })).total).toBe(10);
    expect((await list({ q: "vm1" })).items.map((i) => i.name)).toEqual(Array.from({ length: 10 }, (_, i) => `vm1${i}.lab`));
    const byMemory = await list({ cluster: "lab", sort: "memory", order: "desc", pageSize: 3 });
    expect(byMemory.items.map((i) => [i.name, i.memory])).toEqual([["vm03.lab", 2048], ["vm07.lab", 2048], ["vm11.lab", 2048]]);
    expect((await list({ pageSize: 1 })).items[0]!.tags).toEqual([]);
    expect((await list({ owner: "none" })).total).toBe(35);
    expect((await list({ owner: "user:nobody" })).total).toBe(0);
    expect((await list({ node: "node9" })).total).toBe(5); // as secondary
    expect((await list({ node: "node0" })).total).toBe(15); // as primary
    expect((await list({ tag: "t1" })).items.map((i) => i.name)).toEqual(["vm01.lab"]); // not t10…t19
  });

  it("says what is wrong with a bad request; a user without permissions sees no VM", async () => {
    await expect(list({ cluster: "nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(list({ sort: "uuid" })).rejects.toThrow(/Sort: one of name, status/);
    await expect(list({ page: "0" })).rejects.toThrow(/Page: a whole number from 1/);
    await expect(list({ pageSize: "1000" })).rejects.toThrow(/Page size: 1 to 500/);
    await expect(list({ bogus: "1" })).rejects.toThrow(/Unknown field\(s\): bogus/);
    expect(await list({}, user)).toMatchObject({ total: 0, items: [] });
  });

  it("says per VM what the user may do with it, from the permissions loaded once", async () => {
    const viewer: Actor = { id: "v", email: "viewer@example.org", isAdmin: false, ip: "" };
    await t.db.cachedInstance.update({ where: { clusterId_name: { clusterId: "id-lab", name: "vm00.lab" } }, data: { ownerKey: "user:v" } });
    await t.db.permission.createMany({
      data: [
        { grantee: "user:v", clusterId: "id-lab", instanceName: "vm01.lab", perm: "console" },
        { grantee: "user:v", clusterId: "id-lab", instanceName: "vm02.lab", perm: "power" },
        { grantee: "user:v", clusterId: "id-prod", perm: "tags" },
      ],
    });
    try {
      const seen = await list({ pageSize: 50 }, viewer);
      const allowed = Object.fromEntries(seen.items.map((i) => [i.name, i.allowed]));
      expect(seen.total).toBe(8); // the one owned, two granted, and prod's five through its cluster permission
      expect(allowed["vm00.lab"]).toEqual(expect.arrayContaining(["power", "remove", "console", "modify"])); // the owner is the VM's admin
      expect(allowed["vm01.lab"]).toEqual(["console"]);
      expect(allowed["vm02.lab"]).toEqual(["power"]);
      expect(allowed["db0.prod"]).toEqual(["tags"]);
      expect(seen.items.find((i) => i.name === "db0.prod")).toMatchObject({ clusterReadOnly: true });
      expect(seen.items.find((i) => i.name === "vm00.lab")).toMatchObject({ clusterReadOnly: false });
      expect((await list({ pageSize: 1 })).items[0]!.allowed).toContain("remove"); // a superuser may do everything
    } finally {
      await t.db.permission.deleteMany({ where: { grantee: "user:v" } });
      await t.db.cachedInstance.update({ where: { clusterId_name: { clusterId: "id-lab", name: "vm00.lab" } }, data: { ownerKey: "" } });
    }
  });
});
