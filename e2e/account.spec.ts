import { expect, test } from "@playwright/test";
import { E2E_ADMIN, fillSignIn, formAlert, signInAsAdmin, signOut } from "./helpers";

const NEW_PASSWORD = "a brand new passphrase";

async function changePassword(page: import("@playwright/test").Page, current: string, next: string, again = next) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password (at least 8 characters)").fill(next);
  await page.getByLabel("New password again").fill(again);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a user changes their password, and only the new one works afterwards", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByTestId("current-user").click();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();

  await changePassword(page, "wrong current", NEW_PASSWORD);
  await expect(formAlert(page)).toHaveText("The current password is wrong.");
  await changePassword(page, E2E_ADMIN.password, NEW_PASSWORD, "something else");
  await expect(formAlert(page)).toHaveText("The two new passwords differ; type the same one twice.");
  await changePassword(page, E2E_ADMIN.password, NEW_PASSWORD);
  await expect(page.getByRole("status")).toHaveText("Password changed.");

  await signOut(page);
  await fillSignIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await fillSignIn(page, E2E_ADMIN.email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // Put the original password back for the other flows.
  await page.goto("/account");
  await changePassword(page, NEW_PASSWORD, E2E_ADMIN.password);
  await expect(page.getByRole("status")).toHaveText("Password changed.");
});
