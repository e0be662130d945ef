import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";

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
