// The clusters registry's JSON API through the real server: who may use it, what bad requests get, and a remote
// cluster added over HTTP — Gantry's own RAPI, started here over HTTPS with its certificate pinned — listed without
// its password, beside the embedded demo cluster the server registered; and a cluster's VNC password set in its form
// and never sent back.
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import bcrypt from "bcryptjs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { createRapiHarness, USERS, type RapiHarness } from "../lib/ganeti/rapi/testing/rapi-harness";
import { fillSignIn, signInAsAdmin } from "./helpers";

const PLAIN_USER = { email: "plain@e2e.test", password: "plain-user-password" };

let rapi: RapiHarness;
test.beforeAll(async () => {
  rapi = await createRapiHarness({ tls: true });
  // No user-management use case yet: the plain user is written to the server's database as the seed would.
  const sqlite = new Database(path.join(E2E_DATA_DIR, "gantry.db"));
  const now = Date.now();
  sqlite
    .prepare("INSERT OR IGNORE INTO User (id, email, name, passwordHash, isAdmin, isActive, createdAt, updatedAt) VALUES (?, ?, ?, ?, 0, 1, ?, ?)")
    .run(crypto.randomUUID(), PLAIN_USER.email, "Plain User", bcrypt.hashSync(PLAIN_USER.password, 10), now, now);
  sqlite.close();
});
test.afterAll(() => rapi?.close());

const post = (request: APIRequestContext, data: unknown) => request.post("/api/clusters", { data });

test("signed out, the clusters API answers 401 and changes nothing", async ({ request }) => {
  const list = await request.get("/api/clusters");
  expect(list.status()).toBe(401);
  expect(await list.json()).toEqual({ error: "Sign in first." });
  expect((await post(request, { slug: "x" })).status()).toBe(401);
});

test("a user who is not a superuser is refused with 403", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, PLAIN_USER.email, PLAIN_USER.password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // Listing shows only the clusters a user deals with: none here.
  const listed = await page.request.get("/api/clusters");
  expect([listed.status(), await listed.json()]).toEqual([200, []]);
  const add = await post(page.request, { slug: "lab", rapiUrl: rapi.rapi.url });
  expect(add.status()).toBe(403);
  expect(await add.json()).toEqual({ error: "Only a superuser may do this." });
});

test("a superuser adds a remote cluster over HTTP; bad requests say what to fix", async ({ page }) => {
  await signInAsAdmin(page);
  const api = page.request;
  const notJson = await api.post("/api/clusters", { headers: { "content-type": "text/plain" }, data: "slug=lab" });
  expect([notJson.status(), (await notJson.json()).error]).toEqual([400, "Send the body as JSON (Content-Type: application/json)."]);
  const badSlug = await post(api, { slug: "no spaces", rapiUrl: rapi.rapi.url });
  expect(badSlug.status()).toBe(400);
  expect((await badSlug.json()).error).toMatch(/^Short name: 1–40 letters/);
  const unreachable = await post(api, { slug: "lab", rapiUrl: "https://127.0.0.1:1", username: "admin", password: "x" });
  expect(unreachable.status()).toBe(400);
  expect((await unreachable.json()).error).toMatch(/^Could not reach the cluster's RAPI/);

  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  const added = await post(api, { slug: "lab", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint });
  expect(added.status()).toBe(201);
  expect(await added.json()).toMatchObject({ slug: "lab", kind: "remote", hasPassword: true, readOnly: false, certFingerprint: fingerprint });
  const listed = await api.get("/api/clusters");
  expect(listed.status()).toBe(200);
  const text = await listed.text();
  expect(text).not.toContain(USERS.admin);
  // Beside it, the embedded demo cluster the server registered at start-up.
  expect(JSON.parse(text).map((c: { slug: string; kind: string }) => [c.slug, c.kind])).toEqual([["cluster", "embedded"], ["lab", "remote"]]);
  expect((await post(api, { slug: "lab", rapiUrl: rapi.rapi.url })).status()).toBe(409);

  const tested = await api.post("/api/clusters/lab/test");
  expect(await tested.json()).toMatchObject({ ok: true, cluster: { slug: "lab" } });
  const patched = await api.patch("/api/clusters/lab", { data: { description: "the lab's cluster" } });
  expect(await patched.json()).toMatchObject({ description: "the lab's cluster", hasPassword: true });
  expect((await api.delete("/api/clusters/lab")).status()).toBe(204);
  expect((await api.delete("/api/clusters/lab")).status()).toBe(404);
});

test("a superuser sets a cluster's VNC password in its form: shown only as stored, never sent back, removable", async ({ page }) => {
  const VNC_PASSWORD = "vnc-e2e-s3cret";
  const answers: string[] = [];
  page.on("response", async (response) => {
    if (response.url().includes("/api/")) answers.push(await response.text().catch(() => ""));
  });
  await signInAsAdmin(page);
  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  expect((await post(page.request, { slug: "lab2", rapiUrl: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint })).status()).toBe(201);
  try {
    await page.goto("/admin/clusters");
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^lab2/ }) });
    await row.getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit cluster lab2" });
    await form.getByLabel("VNC password (Ganeti's vnc-cluster-password)").fill(VNC_PASSWORD);
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(row).toContainText("VNC password stored");

    await row.getByRole("button", { name: "Edit" }).click();
    const field = form.getByLabel("VNC password (Ganeti's vnc-cluster-password) (stored; leave empty to keep it)");
    await expect(field).toHaveValue("");
    await form.getByLabel("Remove the stored VNC password").check();
    await expect(field).toBeDisabled();
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(row).not.toContainText("VNC password stored");

    expect(answers.length).toBeGreaterThan(2);
    for (const answer of answers) expect(answer).not.toContain(VNC_PASSWORD);
    expect(await page.content()).not.toContain(VNC_PASSWORD);
  } finally {
    await page.request.delete("/api/clusters/lab2");
  }
});
