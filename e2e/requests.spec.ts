// VM requests in the browser, on the demo cluster ("cluster"): a user without create_vm applies through the form; an
// approver (the cluster's `approve` permission) finds it in the review queue and approves it onto the cluster; the
// request follows the job to "created", the VM runs, the user finds it in their VM list and has the e-mail (the
// outbox, read on /admin/mail). A rejection reaches the user with its reason, on the page and by e-mail. A request
// over the owner's quota is refused by the API without the explicit override, and approved with the page's
// "Approve beyond the quota (audited)" box, which the audit log records as request.quota_override.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs, signInAsAdmin } from "./helpers";

const stamp = Date.now().toString(36);
const APPLICANT = { email: `applicant-${stamp}@e2e.test`, name: "Ada Applicant", password: "applicant-password-1" };
const APPROVER = { email: `approver-${stamp}@e2e.test`, name: "Rita Reviewer", password: "approver-password-1" };
const CLUSTER = "cluster";
const host = (name: string) => `${name}-${stamp}.demo.gantry.internal`;

test.describe.configure({ mode: "serial" });

const ids: Record<string, string> = {};

/** A signed-in page in a browser context of its own (several people act in one flow). */
async function signedIn(browser: Browser, who: { email: string; password: string } | "admin"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (who === "admin") await signInAsAdmin(page);
  else await signInAs(page, who);
  return page;
}

/** Files a request through the API as the page's user; its number. */
async function fileByApi(page: Page, hostname: string, over: Record<string, unknown> = {}): Promise<number> {
  const filed = await page.request.post("/api/requests", { data: { hostname, memory: 512, vcpus: 1, disk: 2048, os: "noop", purpose: "e2e work", ...over } });
  expect(filed.status(), await filed.text()).toBe(201);
  return ((await filed.json()) as { id: number }).id;
}

const statusOf = (page: Page) => page.getByRole("region", { name: "Status" }).locator("[data-status]");

async function mailTo(admin: Page, to: string, kind: string): Promise<Array<{ id: string; subject: string }>> {
  const answer = await admin.request.get(`/api/mail?to=${encodeURIComponent(to)}&kind=${kind}`);
  expect(answer.ok(), await answer.text()).toBe(true);
  return ((await answer.json()) as { items: Array<{ id: string; subject: string }> }).items;
}

test.beforeAll(async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  for (const [key, user] of Object.entries({ applicant: APPLICANT, approver: APPROVER })) {
    const created = await admin.request.post("/api/users", { data: user });
    expect(created.status(), await created.text()).toBe(201);
    ids[key] = ((await created.json()) as { id: string }).id;
  }
  const granted = await admin.request.post("/api/permissions", { data: { grantee: `user:${ids.approver}`, cluster: CLUSTER, perm: "approve" } });
  expect(granted.ok(), await granted.text()).toBe(true);
  await admin.context().close();
});

test("a user applies, the approver approves onto the cluster, the VM is created and runs, and the user is told by e-mail", async ({ browser }) => {
  const VM = host("web");
  const user = await signedIn(browser, APPLICANT);
  await user.goto("/applications");
  await expect(user.getByText("You have not asked for a VM yet.")).toBeVisible();
  await expect(user.getByRole("link", { name: /Review queue/ })).toHaveCount(0);
  await user.getByRole("link", { name: "New request" }).click();
  await expect(user.getByRole("heading", { name: "Request a virtual machine" })).toBeVisible();

  // Each problem under its field while typing, then the form as it should be.
  await user.getByLabel("Host name").fill("web1");
  await expect(user.locator("#hostname-problems")).toContainText("a fully qualified host name");
  await user.getByLabel("Host name").fill(VM);
  await user.getByLabel("Memory", { exact: true }).fill("8");
  await user.getByLabel("Memory unit").selectOption("GiB");
  await expect(user.locator("#memory-problems")).toHaveText("Memory: between 512 MiB and 4 GiB.");
  await expect(user.locator("#request-memory-hint")).toHaveText("512 MiB to 4 GiB.");
  await user.getByLabel("Memory", { exact: true }).fill("512");
  await user.getByLabel("Memory unit").selectOption("MiB");
  await user.getByLabel("Disk", { exact: true }).fill("2");
  await user.getByLabel("Disk unit").selectOption("GiB");
  await user.getByLabel("Preferred cluster").selectOption(CLUSTER);
  // The preferred cluster's operating systems are offered once it answered.
  await expect(user.getByLabel("Operating system").locator("option", { hasText: "noop" })).toHaveCount(1);
  await user.getByLabel("Operating system").selectOption("noop");
  await user.getByLabel("Purpose").fill("The choir's web site.");
  const summary = user.getByRole("complementary", { name: "Your request" });
  await expect(summary.getByText("Ready to send.")).toBeVisible();
  await expect(summary.getByRole("group", { name: "Quota after this VM" })).toContainText("512 MiB / unlimited");
  await user.screenshot({ path: test.info().outputPath("request-form.png"), fullPage: true });
  await summary.getByRole("button", { name: "Send request" }).click();
  await expect(user).toHaveURL(/\/applications\/\d+$/);
  const id = Number(user.url().split("/").pop());
  await expect(user.getByRole("heading", { level: 1 })).toHaveText(`Request #${id}: ${VM}`);
  await expect(statusOf(user)).toHaveAttribute("data-status", "pending");
  await expect(user.getByRole("region", { name: "Status" })).toContainText("waiting for review");

  // The approver: the queue (with its count) lists it; the request page offers the decision.
  const approver = await signedIn(browser, APPROVER);
  await approver.goto("/applications");
  await approver.getByRole("link", { name: /Review queue/ }).click();
  await expect(approver.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await approver.getByLabel("Search").fill(VM);
  await expect(approver).toHaveURL(/\/applications\/review\?q=/);
  const queue = approver.getByRole("table", { name: "Review queue" });
  await expect(queue.getByRole("row")).toHaveCount(2);
  await expect(queue).toContainText(APPLICANT.email);
  await queue.getByRole("link", { name: VM }).click();
  const approve = approver.getByRole("form", { name: "Approve" });
  await expect(approve.getByLabel("Cluster")).toHaveValue(CLUSTER);
  await expect(approve.getByLabel("Disk template")).toHaveValue("plain");
  await expect(approve.getByLabel("Memory", { exact: true })).toHaveValue("512");
  await expect(approve.getByRole("group", { name: "Quota after this VM" })).toContainText("512 MiB / unlimited");
  await approve.getByLabel("Note for the applicant").fill("Enjoy it.");
  await approver.screenshot({ path: test.info().outputPath("request-review.png"), fullPage: true });
  await approve.getByRole("button", { name: "Approve and create the VM" }).click();
  // The page follows the request through the job to the VM.
  await expect(approver.getByRole("region", { name: `Create ${VM}` }).getByRole("status")).toHaveText("Job finished successfully.", { timeout: 45_000 });
  await expect(statusOf(approver)).toHaveAttribute("data-status", "created", { timeout: 30_000 });
  await expect(approver.getByRole("form", { name: "Approve" })).toHaveCount(0);

  // The applicant: created, with the VM's link; the VM runs and is in their list.
  await expect(statusOf(user)).toHaveAttribute("data-status", "created", { timeout: 30_000 });
  await expect(user.getByTestId("review-message")).toHaveText(`Note from ${APPROVER.email}: Enjoy it.`);
  await user.getByRole("link", { name: `Open ${VM}` }).click();
  const vmStatus = user.getByRole("heading", { level: 1 }).locator("[data-status]");
  await expect(vmStatus).toHaveAttribute("data-status", "running", { timeout: 20_000 });
  await expect(user.getByText(`Owned by ${APPLICANT.email}`)).toBeVisible();
  await user.goto("/instances");
  await expect(user.getByRole("link", { name: VM })).toBeVisible();
  await user.goto("/applications");
  await expect(user.getByRole("table", { name: "My requests" }).getByRole("row", { name: new RegExp(VM.replace(/\./g, "\\.")) })).toContainText("the VM was created");

  // The e-mails, in the outbox (no SMTP server here): read as the superuser does on /admin/mail.
  const admin = await signedIn(browser, "admin");
  expect(await mailTo(admin, APPLICANT.email, "request.approved")).toHaveLength(1);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Mail", exact: true }).click();
  await expect(admin.getByRole("note")).toHaveText("Mail is not sent: GANTRY_SMTP_URL is not set; messages are kept here.");
  await admin.getByLabel("Recipient").fill(APPLICANT.email);
  await admin.getByLabel("Kind").fill("request.created");
  await expect(admin.getByRole("table", { name: "Mail" }).getByRole("row")).toHaveCount(2);
  await admin.getByRole("button", { name: `Your VM ${VM} is ready` }).click();
  const message = admin.getByRole("region", { name: "Message" });
  await expect(message).toContainText(`To ${APPLICANT.email}`);
  await expect(message.locator("pre")).toContainText(`/instances/${CLUSTER}/${VM}`);
  await admin.screenshot({ path: test.info().outputPath("mail-outbox.png"), fullPage: true });
  for (const page of [user, approver, admin]) await page.context().close();
});

test("a rejection reaches the user with its reason; a pending request can be withdrawn", async ({ browser }) => {
  const user = await signedIn(browser, APPLICANT);
  const rejectedId = await fileByApi(user, host("big"));
  const withdrawnId = await fileByApi(user, host("spare"));

  const approver = await signedIn(browser, APPROVER);
  await approver.goto(`/applications/${rejectedId}`);
  const reject = approver.getByRole("form", { name: "Reject" });
  await expect(reject.getByRole("button", { name: "Reject request" })).toBeDisabled();
  await reject.getByLabel("Reason (sent to the applicant)").fill("Use the shared web server instead.");
  await reject.getByRole("button", { name: "Reject request" }).click();
  await expect(statusOf(approver)).toHaveAttribute("data-status", "rejected");

  await user.goto(`/applications/${rejectedId}`);
  await expect(statusOf(user)).toHaveAttribute("data-status", "rejected");
  await expect(user.getByTestId("review-message")).toHaveText(`Reason given by ${APPROVER.email}: Use the shared web server instead.`);
  await expect(user.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);

  const admin = await signedIn(browser, "admin");
  const [mail] = await mailTo(admin, APPLICANT.email, "request.rejected");
  expect(mail?.subject).toBe(`Your VM request #${rejectedId} (${host("big")}) was rejected`);
  const text = await admin.request.get(`/api/mail/${mail!.id}`);
  expect(((await text.json()) as { text: string }).text).toContain("Their reason: Use the shared web server instead.");

  // Withdrawing asks first; the approver can then no longer decide it.
  await user.goto(`/applications/${withdrawnId}`);
  user.once("dialog", (dialog) => void dialog.accept());
  await user.getByRole("button", { name: "Withdraw request" }).click();
  await expect(statusOf(user)).toHaveAttribute("data-status", "withdrawn");
  await approver.goto(`/applications/${withdrawnId}`);
  await expect(statusOf(approver)).toHaveAttribute("data-status", "withdrawn");
  await expect(approver.getByRole("form", { name: "Approve" })).toHaveCount(0);
  // Someone who is neither applicant nor reviewer is told there is no such request.
  const nobody = await admin.request.post("/api/users", { data: { email: `nobody-${stamp}@e2e.test`, name: "No Body", password: "nobody-password-1" } });
  expect(nobody.status()).toBe(201);
  const stranger = await signedIn(browser, { email: `nobody-${stamp}@e2e.test`, password: "nobody-password-1" });
  const hidden = await stranger.request.get(`/api/requests/${rejectedId}`);
  expect(hidden.status()).toBe(404);
  for (const page of [user, approver, admin, stranger]) await page.context().close();
});

test("over the owner's quota, approval needs the explicit override, which the audit log records", async ({ browser }) => {
  const VM = host("over");
  const admin = await signedIn(browser, "admin");
  const quota = await admin.request.put(`/api/clusters/${CLUSTER}/quotas`, { data: { persona: `user:${ids.applicant}`, memory: 256, vcpus: null, disk: null } });
  expect(quota.ok(), await quota.text()).toBe(true);
  const user = await signedIn(browser, APPLICANT);
  const id = await fileByApi(user, VM);

  const approver = await signedIn(browser, APPROVER);
  const refused = await approver.request.post(`/api/requests/${id}/approve`, { data: { cluster: CLUSTER, diskTemplate: "plain" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: string }).error).toMatch(/^Over the owner's quota on cluster cluster: .*memory.*approve beyond the quota explicitly/);

  await approver.goto(`/applications/${id}`);
  const approve = approver.getByRole("form", { name: "Approve" });
  await expect(approve.getByRole("alert")).toContainText("Over the owner's quota:");
  const button = approve.getByRole("button", { name: "Approve and create the VM" });
  await expect(button).toBeDisabled();
  await approve.getByLabel("Approve beyond the quota (audited)").check();
  await button.click();
  await expect(statusOf(approver)).toHaveAttribute("data-status", /submitted|created/);
  await expect(approver.getByRole("region", { name: "Request details" })).toContainText("approved beyond the owner's quota (audited)");

  const audit = await admin.request.get(`/api/audit?action=request.quota_override&actor=${encodeURIComponent(APPROVER.email)}`);
  const entries = ((await audit.json()) as { items: Array<{ objectId: string | null; result: string; message: string }> }).items;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ objectId: String(id), result: "success" });
  expect(entries[0]!.message).toMatch(/\d+ MiB of memory needed of a quota of 256 MiB of memory/);
  await expect(statusOf(approver)).toHaveAttribute("data-status", "created", { timeout: 45_000 });
  for (const page of [user, approver, admin]) await page.context().close();
});

test("a superuser changes the request limits on /admin/settings; each bad value is explained under its field", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Settings", exact: true }).click();
  const form = admin.getByRole("form", { name: "Request settings" });
  await form.getByLabel("Most vCPUs").fill("0");
  await expect(form.locator("#settings-vcpusMax-problems")).toHaveText("Most vCPUs: at least 1.");
  await expect(form.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await form.getByLabel("Most vCPUs").fill("8");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");

  // The request form shows the new limit, and the audit log has the change.
  const user = await signedIn(browser, APPLICANT);
  await user.goto("/applications/new");
  await expect(user.locator("#vcpus-hint")).toHaveText("1 to 8.");
  const audit = await admin.request.get("/api/audit?action=settings.update");
  expect(((await audit.json()) as { items: Array<{ after: { vcpusMax?: number } }> }).items[0]?.after.vcpusMax).toBe(8);
  // A plain user may read the limits but not change them.
  expect((await user.request.put("/api/settings/requests", { data: { vcpusMax: 64 } })).status()).toBe(403);
  for (const page of [user, admin]) await page.context().close();
});
