import { expect, test } from "@playwright/test";
import { E2E_ADMIN, fillSignIn, formAlert, sessionCookie, signInAsAdmin, signOut } from "./helpers";

const NAVIGATION = ["Overview", "Virtual machines", "Nodes", "Jobs", "Applications", "Admin", "VM templates", "Audit log"];

test("the administrator signs in, finds the whole navigation, and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await fillSignIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(NAVIGATION);
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("current-user")).toContainText(E2E_ADMIN.email);
  await expect(page.getByTestId("current-user")).toContainText("admin");
  expect(await sessionCookie(page)).toBeDefined();

  await nav.getByRole("link", { name: "Virtual machines" }).click();
  await expect(page.getByRole("heading", { name: "Virtual machines" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Virtual machines" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table", { name: "Virtual machines" })).toBeVisible();

  await signOut(page);
  expect(await sessionCookie(page)).toBeUndefined();
  await page.goto("/nodes");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fnodes$/);
});

test("a wrong password shows an error and opens no session", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, E2E_ADMIN.email, "not-the-password");
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookie(page)).toBeUndefined();

  await page.goto("/instances");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finstances$/);
});

test("signing in returns the user to the page they asked for, and never to another site", async ({ page }) => {
  await page.goto("/jobs");
  await fillSignIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await signOut(page);

  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await fillSignIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test("repeated failures slow an account down and then lock it for a while", async ({ page }) => {
  // The e2e server locks an account after 5 failures (GANTRY_SIGNIN_LOCK_AFTER in playwright.config.ts).
  await page.goto("/login");
  const alert = formAlert(page);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await fillSignIn(page, "mallory@e2e.test", `guess-${attempt}`);
    await expect(alert).toHaveText("Wrong e-mail or password.");
  }
  await fillSignIn(page, "mallory@e2e.test", "guess-5");
  await expect(alert).toHaveText("Wrong e-mail or password. Too many failed sign-ins for this account: try again in 15 minutes.");
  await fillSignIn(page, "mallory@e2e.test", "guess-6");
  await expect(alert).toHaveText("Too many failed sign-ins for this account: try again in 15 minutes.");
  expect(await sessionCookie(page)).toBeUndefined();

  // Other accounts from the same address are not affected.
  await signInAsAdmin(page);
});

test("an unknown page is a 404 page, signed in or not", async ({ page }) => {
  for (const signedIn of [false, true]) {
    if (signedIn) await signInAsAdmin(page);
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await expect(page).toHaveURL(signedIn ? /\/$/ : /\/login$/);
  }
});
