// The self-service VM pages in the browser, on the demo cluster ("cluster"): a user with create_vm creates a VM through
// the wizard and watches its job finish, then shuts it down, resizes it and starts it again from its page; another
// user neither lists it nor opens it; a quota overrun is explained in the wizard before submit, and refused (409) when
// the request is sent anyway. Screenshots of the wizard, the VM page and the VM list go into the test output.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signInAs, signInAsAdmin } from "./helpers";

const stamp = Date.now().toString(36);
const OWNER = { email: `vm-owner-${stamp}@e2e.test`, name: "Vera Owner", password: "vm-owner-password-1" };
const OTHER = { email: `vm-other-${stamp}@e2e.test`, name: "Otto Other", password: "vm-other-password-1" };
const VM = `app-${stamp}.demo.gantry.internal`;
const CLUSTER = "cluster";

test.describe.configure({ mode: "serial" });

const ids: Record<string, string> = {};

async function admin(browser: Browser): Promise<{ page: Page; api: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  return { page, api: page.request, close: () => context.close() };
}

/** The live job view of the newest job this page started, once it says the job ended well. */
async function expectJobSucceeded(page: Page, title: string | RegExp) {
  const job = page.getByRole("region", { name: title }).first();
  await expect(job.getByRole("status")).toHaveText("Job finished successfully.", { timeout: 45_000 });
}

test.beforeAll(async ({ browser }) => {
  const { api, close } = await admin(browser);
  for (const [key, user] of Object.entries({ owner: OWNER, other: OTHER })) {
    const created = await api.post("/api/users", { data: user });
    expect(created.status(), await created.text()).toBe(201);
    ids[key] = ((await created.json()) as { id: string }).id;
    const granted = await api.post("/api/permissions", { data: { grantee: `user:${ids[key]}`, cluster: CLUSTER, perm: "create_vm" } });
    expect(granted.ok(), await granted.text()).toBe(true);
  }
  await close();
});

test("a user with create_vm creates a VM through the wizard and watches the job finish", async ({ page }) => {
  await signInAs(page, OWNER);
  await page.goto("/instances");
  await expect(page.getByText("You have no virtual machines yet.")).toBeVisible();
  await page.getByRole("link", { name: "Create a VM" }).first().click();
  await expect(page.getByRole("heading", { name: "Create a virtual machine" })).toBeVisible();
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveValue(CLUSTER);

  await expect(page.getByLabel("Owner", { exact: true })).toContainText(OWNER.email);
  await page.getByLabel("Name", { exact: true }).fill(VM);
  await page.getByLabel("Operating system").selectOption("noop");
  await page.getByLabel("Memory", { exact: true }).fill("512");
  await page.getByLabel("Memory unit").selectOption("MiB");
  await page.getByLabel("Disk 0 size", { exact: true }).fill("2");
  await page.getByLabel("Disk 0 size unit").selectOption("GiB");
  // A second network card, on another bridge (the Network step starts folded).
  await page.getByText("1 NIC, the cluster's defaults").click();
  await page.getByRole("button", { name: "Add a NIC" }).click();
  await page.getByLabel("NIC 1 Link").fill("br1");
  const summary = page.getByRole("complementary", { name: "Summary" });
  await expect(summary).toContainText("2 NICs");
  await page.getByText("OS and hypervisor parameters: the defaults").click();
  await expect(summary.getByText("Ready to create.")).toBeVisible();
  await expect(summary.getByRole("group", { name: "Quota after this VM" })).toContainText("512 MiB / unlimited");
  await page.screenshot({ path: test.info().outputPath("vm-wizard.png"), fullPage: true });

  await summary.getByRole("button", { name: "Create VM" }).click();
  await expectJobSucceeded(page, `Create ${VM}`);
  await page.getByRole("link", { name: `Open ${VM}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(VM.replace(/\./g, "\\.")) })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 }).locator("[data-status]")).toHaveAttribute("data-status", "running", { timeout: 20_000 });
  await expect(page.getByText(`Owned by ${OWNER.email}`)).toBeVisible();
  const cards = page.getByRole("table", { name: "Network cards" });
  await expect(cards.getByRole("row")).toHaveCount(3);
  await expect(cards.getByRole("row", { name: /nic\/1/ })).toContainText("br1");
});

test("the owner shuts the VM down, resizes it and starts it again, following each job", async ({ page }) => {
  await signInAs(page, OWNER);
  await page.goto("/instances");
  await page.getByRole("link", { name: VM }).click();
  const status = page.getByRole("heading", { level: 1 }).locator("[data-status]");
  await expect(status).toHaveAttribute("data-status", "running");

  // Shut down, at once.
  await page.getByRole("button", { name: "Shut down" }).click();
  const shutdown = page.getByRole("dialog", { name: `Shut down ${VM}` });
  await expect(shutdown.getByLabel("Seconds the guest gets to shut down cleanly")).toBeFocused({ timeout: 2_000 }).catch(() => undefined);
  await shutdown.getByLabel("Seconds the guest gets to shut down cleanly").fill("0");
  await shutdown.getByRole("button", { name: "Shut down" }).click();
  await expectJobSucceeded(page, `Shut down ${VM}`);
  await expect(status).toHaveAttribute("data-status", "ADMIN_down", { timeout: 20_000 });

  // Rename is refused while up, but now the form offers it; resize: 1 GiB and 2 vCPUs.
  await page.getByRole("button", { name: "Resize" }).click();
  const resize = page.getByRole("dialog", { name: `Resize memory and vCPUs ${VM}` });
  await resize.getByLabel("Memory", { exact: true }).fill("1");
  await resize.getByLabel("Memory unit").selectOption("GiB");
  await resize.getByLabel("vCPUs").fill("2");
  await resize.getByRole("button", { name: "Resize" }).click();
  await expectJobSucceeded(page, `Resize ${VM}`);
  const facts = page.getByRole("region", { name: "Summary" });
  await expect(facts.getByText("1 GiB", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(facts.locator("dd").nth(3)).toHaveText("2");

  // Start again.
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expectJobSucceeded(page, `Start ${VM}`);
  await expect(status).toHaveAttribute("data-status", "running", { timeout: 20_000 });

  // A destructive action asks for the name: the button stays disabled until it is typed.
  await page.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: `Rename ${VM}` });
  await expect(rename.getByRole("alert")).toContainText("Ganeti renames only a stopped VM: shut it down first.");
  await expect(rename.getByRole("button", { name: "Rename" })).toBeDisabled();
  await rename.getByRole("button", { name: "Cancel" }).click();
  await expect(rename).toBeHidden();

  // The history (the owner is the VM's admin) lists the jobs.
  await expect(page.getByRole("table", { name: "Jobs on this VM" })).toContainText("instance.modify");
  await page.screenshot({ path: test.info().outputPath("vm-page.png"), fullPage: true });
});

test("another user neither lists the VM nor opens its page", async ({ page }) => {
  await signInAs(page, OTHER);
  await page.goto("/instances");
  await expect(page.getByText("You have no virtual machines yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: VM })).toHaveCount(0);
  await page.goto(`/instances/${CLUSTER}/${VM}`);
  const refusal = page.getByRole("alert").filter({ hasText: "You are not allowed to see this VM." });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText("Not allowed:");
  expect((await page.request.post(`/api/instances/${CLUSTER}/${VM}/shutdown`, { data: {} })).status()).toBe(403);
});

test("a quota overrun is explained before submit and refused when sent anyway", async ({ page, browser }) => {
  const { api, close } = await admin(browser);
  const quota = await api.put(`/api/clusters/${CLUSTER}/quotas`, { data: { persona: `user:${ids.other}`, memory: 512, disk: 4096, vcpus: 1 } });
  expect(quota.ok(), await quota.text()).toBe(true);
  await close();

  await signInAs(page, OTHER);
  await page.goto("/instances/new");
  const name = `big-${stamp}.demo.gantry.internal`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Operating system").selectOption("noop");
  await page.getByLabel("Memory", { exact: true }).fill("2048");
  await page.getByLabel("Memory unit").selectOption("MiB");
  await page.getByLabel("Disk 0 size", { exact: true }).fill("1024");
  await page.getByLabel("Disk 0 size unit").selectOption("MiB");
  const summary = page.getByRole("complementary", { name: "Summary" });
  const problems = summary.getByTestId("create-problems");
  await expect(problems).toContainText("Over quota:");
  await expect(problems).toContainText("2048 MiB of memory needed of a quota of 512 MiB");
  await expect(summary.getByRole("group", { name: "Quota after this VM" })).toContainText("2 GiB / 512 MiB");
  await expect(summary.getByRole("button", { name: "Create VM" })).toBeDisabled();

  // Within the quota the same form is ready.
  await page.getByLabel("Memory", { exact: true }).fill("256");
  await expect(summary.getByText("Ready to create.")).toBeVisible();

  // Forced through the API, the create is refused with the quota's words.
  const forced = await page.request.post("/api/instances", { data: { cluster: CLUSTER, name, diskTemplate: "plain", disks: [1024], memory: 2048, vcpus: 1, os: "noop", start: true } });
  expect(forced.status()).toBe(409);
  expect(((await forced.json()) as { error: string }).error).toMatch(/quota/i);
});

test("the VM list: filters in the URL, sort, the owner column and status badges", async ({ browser }) => {
  const { page, close } = await admin(browser);
  await page.goto("/instances");
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("link", { name: VM })).toBeVisible();
  await expect(table.getByRole("row").filter({ has: page.getByRole("link", { name: VM }) })).toContainText(OWNER.email);
  await expect(table.locator('[data-status="running"]').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("vm-list.png"), fullPage: true });
  // On a phone the navigation stacks above the page and the list keeps its name, status, owner and memory.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table.getByRole("columnheader", { name: /Owner/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("vm-list-mobile.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByLabel("Search by name").fill(`app-${stamp}`);
  await expect(page).toHaveURL(new RegExp(`q=app-${stamp}`));
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Status").selectOption("ADMIN_down");
  await expect(page.getByText("No virtual machine matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  // The owner filter adds to the filters in the URL: wait until the cleared URL is the page's before choosing it.
  await expect(page).toHaveURL(/\/instances$/);
  await expect(page.getByLabel("Search by name")).toHaveValue("");
  await page.getByLabel("Owner", { exact: true }).selectOption("No owner");
  await expect(page).toHaveURL(/owner=none/);
  await expect(table.getByRole("link", { name: VM })).toHaveCount(0);
  await expect(table.getByText("no owner").first()).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/instances$/);
  await table.getByRole("link", { name: /^Memory/ }).click();
  await expect(table.getByRole("columnheader", { name: /Memory/ })).toHaveAttribute("aria-sort", "ascending");

  // The jobs page lists the VM's jobs on the cluster, newest first, and opens one live.
  await page.goto(`/jobs?cluster=${CLUSTER}`);
  const jobs = page.getByRole("table", { name: `Jobs on ${CLUSTER}` });
  await expect(jobs.getByRole("row").filter({ hasText: "success" }).first()).toBeVisible();
  await jobs.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Job \d+ on cluster$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Job \d+$/ }).getByRole("status")).toHaveText("Job finished successfully.");
  await close();
});
