// VM templates in the browser, on the demo cluster ("cluster"): a superuser creates templates (the API's refusals
// shown under the field they are about), edits and deletes one; a cluster admin who is not a superuser finds the page
// in the navigation and may change their cluster's templates but not those for every cluster; a plain user is
// refused the page, and picks the template in the create wizard, which fills in its fields.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs, signInAsAdmin, signOut } from "./helpers";

const stamp = Date.now().toString(36);
const CLUSTER = "cluster";
const TEMPLATE = `e2e-medium-${stamp}`;
const EVERYWHERE = `e2e-everywhere-${stamp}`;
const GONE = `e2e-gone-${stamp}`;
const USER = { email: `tpl-user-${stamp}@e2e.test`, name: "Tina User", password: "tpl-user-password-1" };
const CLUSTER_ADMIN = { email: `tpl-admin-${stamp}@e2e.test`, name: "Carl Admin", password: "tpl-admin-password-1" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  for (const [user, perm] of [[USER, "create_vm"], [CLUSTER_ADMIN, "admin"]] as const) {
    const created = await page.request.post("/api/users", { data: user });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const granted = await page.request.post("/api/permissions", { data: { grantee: `user:${id}`, cluster: CLUSTER, perm } });
    expect(granted.ok(), await granted.text()).toBe(true);
  }
  await context.close();
});

/** Fills the create form; memory in MiB, the first disk in GiB. */
async function fillTemplate(page: Page, t: { cluster: string; name: string; description?: string; memory: string; vcpus: string; disk: string; os?: string }) {
  const form = page.getByRole("region", { name: "Create a template" });
  await form.getByLabel("Cluster").selectOption(t.cluster);
  await form.getByLabel("Name", { exact: true }).fill(t.name);
  await form.getByLabel("Description").fill(t.description ?? "");
  await form.getByLabel("Disk template").selectOption("plain");
  await form.getByLabel("Operating system").fill(t.os ?? "");
  await form.getByLabel("Memory", { exact: true }).fill(t.memory);
  await form.getByLabel("Memory unit").selectOption("MiB");
  await form.getByLabel("vCPUs", { exact: true }).fill(t.vcpus);
  await form.getByLabel("Disk 0 size", { exact: true }).fill(t.disk);
  await form.getByLabel("Disk 0 size unit").selectOption("GiB");
  return form;
}

test("a superuser creates templates, sees the API's refusals by the field, edits and deletes one", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "VM templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "VM templates" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "VM templates" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No VM templates yet.")).toBeVisible();
  await expect(page.getByText(/A template is a named preset/)).toBeVisible();

  let form = await fillTemplate(page, { cluster: CLUSTER, name: TEMPLATE, description: "2 vCPUs and 768 MiB", memory: "768", vcpus: "2", disk: "3", os: "noop" });
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template ${TEMPLATE} created on ${CLUSTER}.`);
  const table = page.getByRole("table", { name: "VM templates" });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(TEMPLATE) }) });
  await expect(row).toContainText("768 MiB · 2 vCPUs");
  await expect(row).toContainText("3 GiB");
  await expect(row).toContainText(CLUSTER);

  // The same name on the same cluster, and too little memory: the API's words under the field concerned.
  form = await fillTemplate(page, { cluster: CLUSTER, name: TEMPLATE, memory: "512", vcpus: "1", disk: "1" });
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toHaveText(`Name: there is a template '${TEMPLATE}' on that cluster already.`);
  await form.getByLabel("Name", { exact: true }).fill(GONE);
  await form.getByLabel("Memory", { exact: true }).fill("10");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("alert")).toHaveText("Memory: at least 64 MiB.");
  await form.getByLabel("Memory", { exact: true }).fill("256");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template ${GONE} created on ${CLUSTER}.`);

  form = await fillTemplate(page, { cluster: "Every cluster", name: EVERYWHERE, description: "for any cluster", memory: "512", vcpus: "1", disk: "2" });
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template ${EVERYWHERE} created for every cluster.`);
  await expect(table.getByRole("row").filter({ hasText: EVERYWHERE })).toContainText("every cluster");

  // Edit: a new description, shown in the list.
  await page.getByRole("button", { name: `Edit template ${TEMPLATE}` }).click();
  const edit = page.getByRole("form", { name: `Save template ${TEMPLATE}` });
  await expect(edit.getByLabel("Memory", { exact: true })).toHaveValue("768");
  await edit.getByLabel("Description").fill("medium: 2 vCPUs, 768 MiB, 3 GiB");
  await edit.getByRole("button", { name: `Save template ${TEMPLATE}` }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("medium: 2 vCPUs, 768 MiB, 3 GiB");

  // Delete (the browser asks first).
  await page.getByRole("button", { name: `Delete template ${GONE}` }).click();
  await expect(table.getByRole("row").filter({ hasText: GONE })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("vm-templates.png"), fullPage: true });
});

test("a cluster admin keeps their cluster's templates, not those for every cluster; a plain user is refused", async ({ page }) => {
  await signInAs(page, CLUSTER_ADMIN);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "VM templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "VM templates" })).toBeVisible();
  const form = page.getByRole("region", { name: "Create a template" });
  await expect(form.getByLabel("Cluster").locator("option")).toHaveText([CLUSTER]);
  await expect(page.getByRole("button", { name: `Edit template ${TEMPLATE}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Edit template ${EVERYWHERE}` })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "VM templates" }).getByRole("row").filter({ hasText: EVERYWHERE })).toContainText("Kept by superusers");
  // The per-cluster tab of the admin pages shows the same.
  await nav.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: `Templates of ${CLUSTER}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `VM templates on ${CLUSTER}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Templates", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: `Edit template ${TEMPLATE}` })).toBeVisible();

  await signOut(page);
  await signInAs(page, USER);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "VM templates" })).toHaveCount(0);
  await page.goto("/admin/templates");
  await expect(page.getByRole("alert").filter({ hasText: "You do not have access to VM templates' administration." })).toBeVisible();
});

test("a user picks the template in the create wizard and its values fill in the form", async ({ page }) => {
  await signInAs(page, USER);
  await page.goto("/instances/new");
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveValue(CLUSTER);
  const picker = page.getByLabel("Start from a template");
  await expect(picker.locator("option")).toHaveText(["No template: choose everything below", `${EVERYWHERE} — for any cluster`, `${TEMPLATE} — medium: 2 vCPUs, 768 MiB, 3 GiB`]);
  await picker.selectOption({ label: `${TEMPLATE} — medium: 2 vCPUs, 768 MiB, 3 GiB` });
  await expect(page.getByLabel("Memory", { exact: true })).toHaveValue("768");
  await expect(page.getByLabel("Memory unit")).toHaveValue("MiB");
  await expect(page.getByLabel("vCPUs", { exact: true })).toHaveValue("2");
  await expect(page.getByLabel("Disk 0 size", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("Disk 0 size unit")).toHaveValue("GiB");
  await expect(page.getByLabel("Operating system")).toHaveValue("noop");
  await expect(page.getByLabel("Disk template")).toHaveValue("plain");
  // Another template replaces the values (its OS left empty keeps the one chosen).
  await picker.selectOption({ label: `${EVERYWHERE} — for any cluster` });
  await expect(page.getByLabel("Memory", { exact: true })).toHaveValue("512");
  await expect(page.getByLabel("Disk 0 size", { exact: true })).toHaveValue("2");
  await expect(page.getByLabel("vCPUs", { exact: true })).toHaveValue("1");
  await page.getByLabel("Name", { exact: true }).fill(`tpl-${stamp}.demo.gantry.internal`);
  await expect(page.getByRole("complementary", { name: "Summary" }).getByText("Ready to create.")).toBeVisible();
});
