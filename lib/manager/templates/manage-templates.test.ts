// Who keeps which VM templates, as the admin page relies on it: a cluster admin who is not a superuser keeps their
// cluster's templates (and is told which listed ones they may change), a superuser also the ones for every cluster.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Actor } from "@/lib/manager/actor";
import { deleteTemplate, listTemplates, saveTemplate } from "./manage-templates";

let t: TestDatabase;
const superuser: Actor = { id: "su", email: "root@example.org", isAdmin: true, ip: "" };
const labAdmin: Actor = { id: "la", email: "lab-admin@example.org", isAdmin: false, ip: "" };
const small = { cluster: "lab", name: "small", description: "1 vCPU, 512 MiB", diskTemplate: "plain", disks: [2048], memory: 512, vcpus: 1, os: "noop" };
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [id, email, isAdmin] of [["su", superuser.email, true], ["la", labAdmin.email, false]] as const) {
    await t.db.user.create({ data: { id, email, name: email, passwordHash: "x", isAdmin } });
  }
  for (const slug of ["lab", "prod"]) await t.db.cluster.create({ data: { id: `id-${slug}`, slug, name: `${slug}.example.org`, kind: "remote", rapiUrl: "https://x" } });
  await t.db.permission.create({ data: { grantee: "user:la", clusterId: "id-lab", perm: "admin" } });
  await t.db.permission.create({ data: { grantee: "user:la", clusterId: "id-prod", perm: "create_vm" } });
});
afterAll(() => t.cleanup());

describe("keeping VM templates", () => {
  it("a cluster admin keeps their cluster's templates; the listing says which ones each user may change", async () => {
    const mine = await saveTemplate({ db: t.db }, { actor: labAdmin, input: small });
    expect(mine).toMatchObject({ cluster: "lab", name: "small", disks: [2048], memory: 512 });
    await saveTemplate({ db: t.db }, { actor: superuser, input: { ...small, cluster: "prod", name: "prod-small" } });
    await saveTemplate({ db: t.db }, { actor: superuser, input: { ...small, cluster: undefined, name: "everywhere" } });

    const seen = await listTemplates({ db: t.db }, { actor: labAdmin });
    expect(seen.map((x) => [x.name, x.cluster, x.canEdit])).toEqual([["everywhere", null, false], ["prod-small", "prod", false], ["small", "lab", true]]);
    expect((await listTemplates({ db: t.db }, { actor: superuser })).every((x) => x.canEdit)).toBe(true);
    expect((await listTemplates({ db: t.db }, { actor: labAdmin, input: { cluster: "lab" } })).map((x) => x.name)).toEqual(["everywhere", "small"]);

    const edited = await saveTemplate({ db: t.db }, { actor: labAdmin, id: mine.id, input: { ...small, memory: 1024 } });
    expect(edited).toMatchObject({ id: mine.id, memory: 1024, cluster: "lab" });
  });

  it("refuses the rest in words: another cluster's or every cluster's templates, a clash of names, a moved template", async () => {
    const everywhere = (await listTemplates({ db: t.db }, { actor: superuser })).find((x) => x.name === "everywhere")!;
    const prod = (await listTemplates({ db: t.db }, { actor: superuser })).find((x) => x.name === "prod-small")!;
    const mine = (await listTemplates({ db: t.db }, { actor: superuser })).find((x) => x.name === "small")!;
    expect(await refusal(saveTemplate({ db: t.db }, { actor: labAdmin, input: { ...small, cluster: undefined, name: "mine-everywhere" } }))).toMatchObject({ code: "forbidden", message: "Only a superuser may do this." });
    expect(await refusal(deleteTemplate({ db: t.db }, { actor: labAdmin, id: everywhere.id }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(deleteTemplate({ db: t.db }, { actor: labAdmin, id: prod.id }))).toMatchObject({ code: "forbidden", message: expect.stringContaining("granting permissions on this cluster") });
    // Moving a template to a cluster one does not administer is refused as well.
    expect(await refusal(saveTemplate({ db: t.db }, { actor: labAdmin, id: mine.id, input: { ...small, cluster: "prod" } }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(saveTemplate({ db: t.db }, { actor: labAdmin, input: small }))).toMatchObject({ code: "conflict", message: "Name: there is a template 'small' on that cluster already." });
    expect(await refusal(saveTemplate({ db: t.db }, { actor: labAdmin, input: { ...small, name: "x", memory: 10 } }))).toMatchObject({ code: "wrong_input", message: "Memory: at least 64 MiB." });
    expect(await refusal(saveTemplate({ db: t.db }, { actor: labAdmin, input: { ...small, name: "x", diskTemplate: "diskless" } }))).toMatchObject({ message: "Disks: a diskless template has none." });

    await deleteTemplate({ db: t.db }, { actor: labAdmin, id: mine.id });
    expect((await listTemplates({ db: t.db }, { actor: labAdmin })).map((x) => x.name)).toEqual(["everywhere", "prod-small"]);
    expect(await t.db.auditEntry.count({ where: { action: { startsWith: "template." }, result: "refused", actorId: "la" } })).toBe(4);
  });
});
