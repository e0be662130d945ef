import path from "node:path";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_DATA_DIR } from "../playwright.config";

export { E2E_ADMIN };

/** Submits the sign-in form and waits for the server's answer (the same error text can follow an earlier one). */
export async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

/** The message of the form on the page (Next's route announcer is another role=alert element). */
export const formAlert = (page: Page) => page.locator("form").getByRole("alert");

export async function signInAsAdmin(page: Page, password = E2E_ADMIN.password) {
  await page.goto("/login");
  await fillSignIn(page, E2E_ADMIN.email, password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export async function signInAs(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await fillSignIn(page, user.email, user.password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name.includes("next-auth.session-token"));
}

/** Creates a stopped VM on the demo cluster as the signed-in user and waits until its job ended well and the list shows it. */
export async function createStopped(api: APIRequestContext, name: string, cluster = "cluster") {
  const created = await api.post("/api/instances", { data: { cluster, name, diskTemplate: "plain", disks: [1024], memory: 256, vcpus: 1, os: "noop", start: false } });
  expect(created.status(), await created.text()).toBe(202);
  const { jobId } = (await created.json()) as { jobId: number };
  await expect.poll(async () => ((await (await api.get(`/api/jobs/${cluster}/${jobId}`)).json()) as { status: string }).status, { timeout: 45_000 }).toBe("success");
  await expect.poll(async () => ((await (await api.get(`/api/instances?q=${encodeURIComponent(name)}`)).json()) as { total: number }).total, { timeout: 20_000 }).toBe(1);
}

export type OutboxMessage = { to: string; subject: string; text: string; kind: string; status: string; broadcastId: string | null };

/** The e-mails the server wrote to an address (its outbox: no SMTP server in these runs), oldest first. */
export function mailTo(to: string, kind?: string): OutboxMessage[] {
  const sqlite = new Database(path.join(E2E_DATA_DIR, "gantry.db"), { readonly: true });
  try {
    const sql = `SELECT "to", subject, text, kind, status, broadcastId FROM MailMessage WHERE "to" = ?${kind ? " AND kind = ?" : ""} ORDER BY createdAt, rowid`;
    return sqlite.prepare(sql).all(...(kind ? [to, kind] : [to])) as OutboxMessage[];
  } finally {
    sqlite.close();
  }
}
