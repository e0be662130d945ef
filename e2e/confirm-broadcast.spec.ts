// Owners' destructive actions confirmed by e-mail, owners told of an admin's action, and broadcasts, through the real
// server on the demo cluster ("cluster"), e-mail read from the outbox (no SMTP server here): an admin turns
// confirmations on; a user deletes their own VM and is told a link was sent instead; the link from the e-mail shows
// what will happen, deletes the VM once, and is refused the second time. An admin's start of the user's other VM
// reaches them by e-mail; the admin then mails the owners of the cluster's VMs from the broadcast page, which the VM
// list's "Notify owners" also opens, filled in with the selected VMs.
import { expect, test, type Browser } from "@playwright/test";
import { createStopped, E2E_ADMIN, fillSignIn, mailTo, signInAs, signInAsAdmin, signOut } from "./helpers";

const stamp = Date.now().toString(36);
const CLUSTER = "cluster";
const OWNER = { email: `confirm-owner-${stamp}@e2e.test`, name: "Olga Owner", password: "confirm-owner-password-1" };
const DOOMED = `doomed-${stamp}.demo.gantry.internal`;
const KEPT = `kept-${stamp}.demo.gantry.internal`;

test.describe.configure({ mode: "serial" });

const setConfirmations = async (browser: Browser, on: boolean) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  const put = await page.request.put("/api/settings/requests", { data: { confirmDestructive: on } });
  expect(put.status(), await put.text()).toBe(200);
  expect(((await put.json()) as { confirmDestructive: boolean }).confirmDestructive).toBe(on);
  await context.close();
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await signInAsAdmin(page);
  const created = await page.request.post("/api/users", { data: OWNER });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const granted = await page.request.post("/api/permissions", { data: { grantee: `user:${id}`, cluster: CLUSTER, perm: "create_vm" } });
  expect(granted.ok(), await granted.text()).toBe(true);
  await admin.close();
  const context = await browser.newContext();
  const ownerPage = await context.newPage();
  await signInAs(ownerPage, OWNER);
  for (const name of [DOOMED, KEPT]) await createStopped(ownerPage.request, name);
  await context.close();
  await setConfirmations(browser, true);
});

// The other specs share this server: owners' deletes run at once again.
test.afterAll(async ({ browser }) => setConfirmations(browser, false));

test("an owner's delete waits for the link mailed to them; the link deletes the VM once", async ({ page }) => {
  await signInAs(page, OWNER);
  await page.goto(`/instances/${CLUSTER}/${DOOMED}`);
  await page.getByRole("group", { name: "Danger zone" }).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${DOOMED}` });
  await dialog.getByLabel(`Type ${DOOMED} to confirm`).fill(DOOMED);
  await dialog.getByRole("button", { name: "Delete VM" }).click();
  const waiting = page.getByRole("region", { name: "Waiting for your confirmation" });
  await expect(waiting).toContainText(`Delete ${DOOMED}: waiting for your confirmation`);
  await expect(waiting).toContainText(new RegExp(`We sent a confirmation link to ${OWNER.email.replace(/[.]/g, "\\.")} \\(valid until .+\\)\\.`));
  await expect(page.getByTestId("job-view")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("confirmation-sent.png"), fullPage: true });

  const [mail] = mailTo(OWNER.email, "action.confirm");
  expect(mail?.subject).toBe(`Confirm: Delete ${DOOMED}`);
  const link = /(http:\/\/\S+\/confirm\/[A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
  // Nothing happened yet.
  expect(((await (await page.request.get(`/api/instances?q=${encodeURIComponent(DOOMED)}`)).json()) as { total: number }).total).toBe(1);

  // Opened signed out (a mail client's browser), the link asks for the sign-in first and then comes back.
  await signOut(page);
  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await fillSignIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(link);
  await expect(page.getByRole("heading", { name: `Delete ${DOOMED}` })).toBeVisible();
  await expect(page.getByText(`${DOOMED} and all its disks are removed from cluster ${CLUSTER}. This cannot be undone.`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("confirm-page.png"), fullPage: true });
  await page.getByRole("button", { name: `Confirm: Delete ${DOOMED}` }).click();
  const job = page.getByRole("region", { name: `Delete ${DOOMED}` });
  await expect(job.locator('[data-status="success"]').first()).toBeVisible({ timeout: 45_000 });
  await page.getByRole("link", { name: "Back to the VM list" }).click();
  await expect.poll(async () => ((await (await page.request.get(`/api/instances?q=${encodeURIComponent(DOOMED)}`)).json()) as { total: number }).total, { timeout: 20_000 }).toBe(0);

  // A link works once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "This link cannot be used." })).toContainText("This confirmation link was used already");
  const again = await page.request.post(new URL(link).pathname.replace("/confirm/", "/api/confirmations/"));
  expect(again.status()).toBe(409);
});

test("an admin's action on the owner's VM reaches the owner; a broadcast reaches the cluster's owners", async ({ page }) => {
  await signInAsAdmin(page);
  const started = await page.request.post(`/api/instances/${CLUSTER}/${KEPT}/startup`);
  expect(started.status(), await started.text()).toBe(202);
  const { jobId } = (await started.json()) as { jobId: number };
  const [notice] = mailTo(OWNER.email, "instance.admin_action");
  expect(notice?.subject).toBe(`${KEPT}: "start" asked by ${E2E_ADMIN.email}`);
  expect(notice?.text).toContain(`asked for "start" on your VM ${KEPT} (cluster ${CLUSTER}) as job #${jobId}.`);

  await page.goto("/admin");
  await page.getByRole("link", { name: "Notify VM owners" }).click();
  await expect(page.getByRole("heading", { name: "Notify VM owners", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Notify VM owners" });
  await expect(form.getByLabel("Cluster")).toHaveValue(CLUSTER);
  await form.getByRole("radio", { name: "All its VMs" }).check();
  await expect(form.getByRole("button", { name: "Send" })).toBeDisabled();
  await form.getByRole("button", { name: "Preview recipients" }).click();
  const recipients = form.getByRole("status", { name: "Recipients" });
  await expect(recipients).toContainText(/\d+ recipients?: the owners of \d+ VMs on cluster/);
  await recipients.getByText("The addresses").click();
  await expect(recipients.getByRole("list", { name: "Addresses" })).toContainText(OWNER.email);
  await form.getByLabel("Subject").fill(`Maintenance ${stamp}`);
  await form.getByLabel("Text").fill("The demo cluster's nodes are rebooted on Saturday at 10:00 UTC.");
  await page.screenshot({ path: test.info().outputPath("broadcast-form.png"), fullPage: true });
  await form.getByRole("button", { name: /^Send to \d+ recipients?$/ }).click();
  await expect(form.getByRole("status").filter({ hasText: /^Sent to \d+ recipients?; it is in the list of sent notices below\.$/ })).toBeVisible();
  const archive = page.getByRole("table", { name: "Sent notices" });
  await expect(archive.getByRole("row").filter({ hasText: `Maintenance ${stamp}` })).toContainText(`all VMs of ${CLUSTER}`);
  await page.screenshot({ path: test.info().outputPath("broadcast-sent.png"), fullPage: true });

  const [message] = mailTo(OWNER.email, "broadcast");
  expect(message).toMatchObject({ subject: `Maintenance ${stamp}`, status: "outbox", broadcastId: expect.any(String) });
  expect(message!.text).toContain("The demo cluster's nodes are rebooted on Saturday at 10:00 UTC.");
  expect(message!.text).toContain(`  - ${KEPT}: `);
  expect(message!.text).not.toContain(DOOMED);

  // From the VM list: the selected VMs' owners, the broadcast page filled in with them.
  await page.goto(`/instances?q=${encodeURIComponent(KEPT)}`);
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("checkbox", { name: `Select ${KEPT}` }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("link", { name: "Notify the owners of 1 VM" }).click();
  await expect(form.getByRole("radio", { name: "Chosen VMs" })).toBeChecked();
  await expect(form.getByLabel("VM names")).toHaveValue(KEPT);
  await form.getByRole("button", { name: "Preview recipients" }).click();
  await expect(form.getByRole("status", { name: "Recipients" })).toContainText("1 recipient: the owners of 1 VM on cluster");
});
