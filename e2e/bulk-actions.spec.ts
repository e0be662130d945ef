// Bulk actions in the VM list, on the demo cluster ("cluster"): a user selects two of their stopped VMs (one by
// keyboard), starts them together, follows both jobs and sees both running; a VM they may only see has a disabled
// checkbox saying why, and another user's VM is not listed at all. Then they delete both, after typing "delete 2".
import { expect, test, type Browser } from "@playwright/test";
import { createStopped, signInAs, signInAsAdmin } from "./helpers";

const stamp = Date.now().toString(36);
const CLUSTER = "cluster";
const OWNER = { email: `bulk-owner-${stamp}@e2e.test`, name: "Bea Owner", password: "bulk-owner-password-1" };
const OTHER = { email: `bulk-other-${stamp}@e2e.test`, name: "Oscar Other", password: "bulk-other-password-1" };
const MINE = [`bulk-a-${stamp}.demo.gantry.internal`, `bulk-b-${stamp}.demo.gantry.internal`];
const THEIRS = `bulk-theirs-${stamp}.demo.gantry.internal`;
/** One of the demo cluster's own VMs, on which the owner gets only the console permission. */
const SEEN_ONLY = "db.demo.gantry.internal";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await signInAsAdmin(page);
  const ids: Record<string, string> = {};
  for (const [key, user] of Object.entries({ owner: OWNER, other: OTHER })) {
    const created = await page.request.post("/api/users", { data: user });
    expect(created.status(), await created.text()).toBe(201);
    ids[key] = ((await created.json()) as { id: string }).id;
    const granted = await page.request.post("/api/permissions", { data: { grantee: `user:${ids[key]}`, cluster: CLUSTER, perm: "create_vm" } });
    expect(granted.ok(), await granted.text()).toBe(true);
  }
  const seeOnly = await page.request.post("/api/permissions", { data: { grantee: `user:${ids.owner}`, cluster: CLUSTER, instance: SEEN_ONLY, perm: "console" } });
  expect(seeOnly.ok(), await seeOnly.text()).toBe(true);
  await admin.close();

  for (const [user, names] of [[OWNER, MINE], [OTHER, [THEIRS]]] as const) {
    const context = await browser.newContext();
    const userPage = await context.newPage();
    await signInAs(userPage, user);
    for (const name of names) await createStopped(userPage.request, name);
    await context.close();
  }
});

test("a user starts two of their stopped VMs at once and sees both running; what they may not act on is said", async ({ page }) => {
  await signInAs(page, OWNER);
  await page.goto("/instances");
  const table = page.getByRole("table", { name: "Virtual machines" });
  const status = (name: string) => table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) }).locator("[data-status]");
  for (const name of MINE) await expect(status(name)).toHaveAttribute("data-status", "ADMIN_down");
  await expect(table.getByRole("link", { name: THEIRS })).toHaveCount(0);

  // The VM they may only see: listed, its checkbox disabled with the reason.
  const seenOnly = table.getByRole("checkbox", { name: `Select ${SEEN_ONLY}` });
  await expect(seenOnly).toBeDisabled();
  await expect(seenOnly).toHaveAttribute("title", `You may see ${SEEN_ONLY} but not start, stop or delete it: ask its owner or an administrator for a permission.`);
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);

  // One by mouse, one by keyboard.
  await table.getByRole("checkbox", { name: `Select ${MINE[0]}` }).check();
  await table.getByRole("checkbox", { name: `Select ${MINE[1]}` }).focus();
  await page.keyboard.press("Space");
  await expect(table.getByRole("checkbox", { name: `Select ${MINE[1]}` })).toBeChecked();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("2 VMs selected");
  await expect(bar.getByRole("button", { name: "Shut down 0 VMs" })).toBeDisabled(); // neither is up
  await page.screenshot({ path: test.info().outputPath("vm-list-bulk.png"), fullPage: true });
  await bar.getByRole("button", { name: "Start 2 VMs" }).click();

  const progress = page.getByRole("region", { name: "Start: 2 VMs" });
  await expect(progress.getByRole("status")).toHaveText("Sent: 2 of 2 accepted as jobs.", { timeout: 20_000 });
  for (const name of MINE) await expect(progress.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: /^job #\d+$/ })).toBeVisible();
  await expect(progress.locator('[data-status="success"]')).toHaveCount(2, { timeout: 45_000 });
  for (const name of MINE) await expect(status(name)).toHaveAttribute("data-status", "running", { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("vm-list-bulk-done.png"), fullPage: true });
});

test("deleting in bulk asks for the number of VMs, typed", async ({ page }) => {
  await signInAs(page, OWNER);
  await page.goto(`/instances?q=bulk-`);
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("link", { name: MINE[0] })).toBeVisible();
  // Select all on the page: only the VMs they may act on.
  await table.getByRole("checkbox", { name: "Select all VMs on this page" }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("2 VMs selected");
  await bar.getByRole("button", { name: "Delete 2 VMs" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 2 VMs" });
  await expect(dialog.getByRole("list", { name: "VMs this acts on" }).getByRole("listitem")).toHaveCount(2);
  const confirm = dialog.getByRole("button", { name: "Delete 2 VMs" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type delete 2 to confirm").fill("delete 3");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type delete 2 to confirm").fill("delete 2");
  await confirm.click();
  const progress = page.getByRole("region", { name: "Delete: 2 VMs" });
  await expect(progress.locator('[data-status="success"]')).toHaveCount(2, { timeout: 45_000 });
  await expect(page.getByText("No virtual machine matches these filters.")).toBeVisible({ timeout: 20_000 });
});
