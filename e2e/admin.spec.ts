// The admin pages in the browser: a user and a group with that member, a quota override for the group on the demo
// cluster (listed with its usage), a cluster permission for the group, the audit log showing those actions and its CSV
// download, an orphan VM of the demo cluster given to the group; and a plain user refused at the users page.
import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { fillSignIn, signInAsAdmin, signOut } from "./helpers";

const stamp = Date.now().toString(36);
const MEMBER = { email: `member-${stamp}@e2e.test`, name: "Member Person", password: "member-password-1" };
const GROUP = `e2e-team-${stamp}`;

/** Accepts the confirm() of destructive actions. */
// The second flow signs in as the user the first one creates.
test.describe.configure({ mode: "serial" });

const acceptDialogs = (page: Page) => page.on("dialog", (dialog) => void dialog.accept());

test("an admin creates a user and a group, sets a quota and a permission, and finds them in the audit log", async ({ page }) => {
  acceptDialogs(page);
  await signInAsAdmin(page);

  await page.goto("/admin");
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  const createUser = page.getByRole("region", { name: "Create a user" });
  await createUser.getByLabel("E-mail").fill(MEMBER.email);
  await createUser.getByLabel("Name").fill(MEMBER.name);
  await createUser.getByLabel("Initial password").fill(MEMBER.password);
  await createUser.getByRole("button", { name: "Create user" }).click();
  await expect(createUser.getByRole("status")).toContainText(`Account ${MEMBER.email} created`);
  await expect(page.getByRole("rowheader", { name: MEMBER.email })).toBeVisible();

  // A bad request shows the API's own message.
  await createUser.getByLabel("E-mail").fill(MEMBER.email);
  await createUser.getByLabel("Name").fill("Again");
  await createUser.getByLabel("Initial password").fill(MEMBER.password);
  await createUser.getByRole("button", { name: "Create user" }).click();
  await expect(createUser.getByRole("alert")).toHaveText(`E-mail: '${MEMBER.email}' already has an account.`);

  await page.goto("/admin/groups");
  const createGroup = page.getByRole("region", { name: "Create a group" });
  await createGroup.getByLabel("Group name").fill(GROUP);
  await createGroup.getByLabel("Description").fill("made by the e2e flow");
  await createGroup.getByRole("button", { name: "Create group" }).click();
  await expect(createGroup.getByRole("status")).toHaveText(`Group ${GROUP} created.`);
  await page.getByRole("button", { name: `Edit group ${GROUP}` }).click();
  await page.getByLabel(`Members of ${GROUP} (one e-mail per line)`).fill(MEMBER.email);
  await page.getByRole("button", { name: "Save members" }).click();
  await expect(page.getByText("Members saved (1).")).toBeVisible();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: GROUP, exact: true }) })).toContainText(MEMBER.email);

  // Quota override for the group on the demo cluster, listed with its usage.
  await page.goto("/admin/clusters/cluster/quotas");
  const override = page.getByRole("region", { name: "Add an override" });
  await override.getByLabel("User or group").selectOption({ label: `group ${GROUP}` });
  await override.getByLabel("Memory (MiB)").fill("2048");
  await override.getByLabel("Disk (MiB)").fill("10240");
  await override.getByLabel("vCPUs").fill("4");
  await override.getByRole("button", { name: "Save override" }).click();
  await expect(override.getByRole("status")).toHaveText("Override saved.");
  const quotaRow = page.getByRole("table", { name: "Quotas and usage" }).getByRole("row", { name: new RegExp(`group ${GROUP}`) });
  await expect(quotaRow).toContainText("override");
  await expect(quotaRow).toContainText("0 MiB / 2 GiB");
  await expect(quotaRow).toContainText("0 MiB / 10 GiB");
  await expect(quotaRow).toContainText("0 / 4");

  // Cluster permission for the group.
  await page.getByRole("link", { name: "Permissions", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Permissions on cluster" })).toBeVisible();
  const grant = page.getByRole("region", { name: "Grant a permission" });
  await grant.getByLabel("Grantee").selectOption({ label: `group ${GROUP}` });
  await grant.getByLabel("Permission").selectOption("create_vm");
  await grant.getByRole("button", { name: "Grant" }).click();
  await expect(grant.getByRole("status")).toContainText(new RegExp(`^Granted: (group )?${GROUP} — create_vm on the whole cluster\.$`));
  const permissionRow = page.getByRole("table", { name: "Permissions" }).getByRole("row", { name: new RegExp(`group ${GROUP}`) });
  await expect(permissionRow).toContainText("whole cluster");
  await expect(permissionRow).toContainText("create_vm");

  // The audit log: the group's own rows by free text, the grant by its action.
  await page.goto("/audit");
  await page.getByLabel("Search").fill(GROUP);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?q=${GROUP}`));
  const entries = page.getByRole("table", { name: "Audit log entries" });
  for (const action of ["group.create", "group.set_members", "quota.set"]) await expect(entries.getByRole("cell", { name: action, exact: true })).toBeVisible();
  await page.getByLabel("Search").fill("");
  await page.getByLabel("Action (prefix)").fill("permission.grant");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=permission\.grant/);
  await expect(entries.getByRole("row", { name: /permission\.grant/ }).first()).toContainText("cluster");
  await expect(entries.getByRole("cell", { name: "user.create", exact: true })).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await fs.readFile((await download.path())!, "utf8");
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  expect(header).toBe("at,actorEmail,actorId,persona,ip,action,result,objectType,objectId,objectName,clusterId,jobId,message,before,after");
  expect(rows.some((row) => row.includes("permission.grant"))).toBe(true);

  // Import: one of the demo cluster's orphan VMs goes to the group.
  await page.goto("/admin/clusters/cluster/import");
  const orphans = page.getByRole("region", { name: /VMs without an owner/ });
  await orphans.getByRole("checkbox", { name: "Select web.demo.gantry.internal" }).check();
  await orphans.getByLabel("New owner").selectOption({ label: `group ${GROUP}` });
  await orphans.getByRole("button", { name: "Assign owner to 1 VM" }).click();
  await expect(orphans.getByRole("status")).toContainText("Done: 1 of 1 succeeded.");
  await expect(orphans.getByRole("cell", { name: "web.demo.gantry.internal" })).toHaveCount(0);
});

test("a plain user opening the users page is refused", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, MEMBER.email, MEMBER.password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByRole("alert").filter({ hasText: "You do not have access to user management." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Create a user" })).toHaveCount(0);
  // The audit log page shows the API's refusal.
  await page.goto("/audit");
  await expect(page.getByRole("alert").filter({ hasText: "Only a superuser may do this." })).toBeVisible();
  await signOut(page);
});
