// The cluster pages in the browser, on the demo cluster ("cluster"): the overview shows the cluster's capacity and the
// admin's recent jobs; the nodes page lists the demo nodes and a node page its VMs; an admin drains a node and sets it
// back; the cluster page previews a rebalance (after the test makes the cluster lopsided) and executes it; an admin
// evacuates a node's mirrors and sees them move.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

const CLUSTER = "cluster";
const stamp = Date.now().toString(36);
const created: string[] = [];

type Node = { name: string; role: string; primaries: number; secondaries: number };

test.describe.configure({ mode: "serial" });

async function waitJob(api: APIRequestContext, id: number) {
  await expect.poll(async () => ((await (await api.get(`/api/jobs/${CLUSTER}/${id}`)).json()) as { final: boolean; status: string }).status, { timeout: 45_000 })
    .toMatch(/^(success|error|canceled)$/);
  const job = (await (await api.get(`/api/jobs/${CLUSTER}/${id}`)).json()) as { status: string; ops: unknown };
  expect(job.status, JSON.stringify(job.ops)).toBe("success");
}

async function nodes(api: APIRequestContext): Promise<Node[]> {
  const answer = await api.get(`/api/nodes?cluster=${CLUSTER}`);
  expect(answer.ok(), await answer.text()).toBe(true);
  return ((await answer.json()) as { nodes: Node[] }).nodes;
}

async function expectJobsSucceeded(within: ReturnType<Page["getByRole"]>) {
  const views = within.getByTestId("job-view");
  await expect(views.first()).toBeVisible();
  const count = await views.count();
  for (let i = 0; i < count; i++) await expect(views.nth(i).getByRole("status")).toHaveText("Job finished successfully.", { timeout: 60_000 });
}

test("the overview shows the cluster's capacity and the admin's recent jobs", async ({ page }) => {
  await signInAsAdmin(page);
  // A job of the admin's own, so that the recent jobs have one to show.
  const submitted = await page.request.post(`/api/clusters/${CLUSTER}/redistribute`);
  expect(submitted.status(), await submitted.text()).toBe(202);
  const { jobId } = (await submitted.json()) as { jobId: number };
  await waitJob(page.request, jobId);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const capacity = page.getByRole("group", { name: `Capacity of ${CLUSTER}` });
  await expect(capacity.getByLabel(`${CLUSTER} memory used:`)).toHaveText(/ \/ \d/);
  await expect(capacity.getByLabel(`${CLUSTER} disk used:`)).toHaveText(/ \/ \d/);
  await expect(capacity).toContainText("3 nodes");
  await expect(page.getByRole("table", { name: `Nodes of ${CLUSTER}` }).getByRole("row")).toHaveCount(4);
  const jobs = page.getByRole("list", { name: `Recent jobs on ${CLUSTER}` });
  await expect(jobs.getByRole("link", { name: `#${jobId}` })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("group", { name: `Your quota on ${CLUSTER}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your virtual machines" })).toBeVisible();
  await expect(page.getByText(/Cache synced/).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
});

test("the nodes page lists the demo nodes and a node page lists its VMs", async ({ page }) => {
  await signInAsAdmin(page);
  const listed = await nodes(page.request);
  expect(listed.length).toBeGreaterThanOrEqual(3);
  await page.goto("/nodes");
  const nodeTable = page.getByRole("table", { name: `Nodes of ${CLUSTER}` });
  for (const node of listed) await expect(nodeTable.getByRole("link", { name: node.name })).toBeVisible();

  const busy = listed.find((n) => n.primaries > 0)!;
  const detail = (await (await page.request.get(`/api/nodes/${CLUSTER}/${busy.name}`)).json()) as { primaries: Array<{ name: string }> };
  await nodeTable.getByRole("link", { name: busy.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: busy.name })).toBeVisible();
  const primaries = page.getByRole("table", { name: "Primary VMs" });
  for (const vm of detail.primaries) await expect(primaries.getByRole("link", { name: vm.name })).toBeVisible();
  await primaries.getByRole("link", { name: detail.primaries[0]!.name }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${CLUSTER}/`));
});

test("an admin drains a node from its page, sees the role change after the job, and sets it back", async ({ page }) => {
  await signInAsAdmin(page);
  const node = (await nodes(page.request)).find((n) => n.role !== "master")!;
  await page.goto(`/nodes/${CLUSTER}/${node.name}`);
  const role = page.getByTestId("node-role");
  await expect(role).toHaveText(node.role);

  // Back to regular, the cluster promotes the node to master candidate again when its candidate pool is short (as
  // Ganeti does when a node is un-drained): three demo nodes, a pool of ten.
  for (const [choice, expected, shown] of [[/^Drained:/, "drained", /^drained$/], [/^Regular:/, "regular", /^(regular|master-candidate)$/]] as const) {
    await page.getByRole("button", { name: "Change role" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: choice }).check();
    await dialog.getByRole("button", { name: "Set role" }).click();
    await expect(page.getByRole("region", { name: new RegExp(`^Set ${node.name.replace(/\./g, "\\.")} ${expected}`) }).getByRole("status"))
      .toHaveText("Job finished successfully.", { timeout: 45_000 });
    await expect(role).toHaveText(shown, { timeout: 20_000 });
  }
});

test("the cluster page previews a rebalance and executes it", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  const api = page.request;
  type Preview = { groups: Array<{ jobSets: unknown[][] }> };
  const moves = async () => ((await (await api.get(`/api/clusters/${CLUSTER}/rebalance`)).json()) as Preview).groups.reduce((n, g) => n + g.jobSets.flat().length, 0);
  if ((await moves()) === 0) {
    // Make the cluster lopsided: mirrored VMs all on the same two nodes, none on the third.
    const overview = (await (await api.get(`/api/clusters/${CLUSTER}/overview`)).json()) as { info: { enabledDiskTemplates: string[] } };
    const diskTemplate = overview.info.enabledDiskTemplates.includes("drbd") ? "drbd" : "plain";
    const [, second, third] = (await nodes(api)).map((n) => n.name);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `lopsided-${stamp}-${i}.demo.gantry.internal`;
      const answer = await api.post("/api/instances", {
        data: { cluster: CLUSTER, name, diskTemplate, disks: [8192], memory: 4096, vcpus: 2, os: "noop", pnode: second, ...(diskTemplate === "drbd" ? { snode: third } : {}), start: true },
      });
      expect(answer.status(), await answer.text()).toBe(202);
      created.push(name);
      ids.push(((await answer.json()) as { jobId: number }).jobId);
    }
    for (const id of ids) await waitJob(api, id);
    expect(await moves()).toBeGreaterThan(0);
  }

  await page.goto(`/clusters/${CLUSTER}`);
  await expect(page.getByRole("heading", { level: 1, name: `Cluster ${CLUSTER}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Instance policy" })).toBeVisible();
  const preview = page.getByRole("region", { name: "Rebalance preview" });
  await expect(preview.getByText("Job set 1 ·").first()).toBeVisible({ timeout: 20_000 });
  await expect(preview.getByTestId("rebalance-score").first()).toHaveText(/Score [\d.]+ → [\d.]+/);
  await page.screenshot({ path: test.info().outputPath("rebalance-preview.png"), fullPage: true });

  await preview.getByRole("button", { name: "Execute" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /^Execute \d+ moves?$/ }).click();
  await expect(preview.getByRole("status").first()).toHaveText(/move\(s\) submitted/);
  await expectJobsSucceeded(preview);
  await preview.getByRole("button", { name: "Preview again" }).click();
  await expect(preview.getByTestId("rebalance-score").first()).toBeVisible({ timeout: 20_000 });
});

test("an admin evacuates a node's mirrors and sees the VMs move to another node", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const api = page.request;
  const overview = (await (await api.get(`/api/clusters/${CLUSTER}/overview`)).json()) as { info: { enabledDiskTemplates: string[] } };
  test.skip(!overview.info.enabledDiskTemplates.includes("drbd"), "the demo cluster has no DRBD: no mirror to move");
  const [first, second, third] = (await nodes(api)).map((n) => n.name);
  // Two mirrored VMs whose mirrors are on the third node; secondary-only evacuation moves every mirror there (plain
  // VMs have none, so the demo's own VMs cannot make it fail).
  const names = [0, 1].map((i) => `evac-${stamp}-${i}.demo.gantry.internal`);
  const ids: number[] = [];
  for (const name of names) {
    const answer = await api.post("/api/instances", { data: { cluster: CLUSTER, name, diskTemplate: "drbd", disks: [1024], memory: 256, vcpus: 1, os: "noop", pnode: second, snode: third, start: true } });
    expect(answer.status(), await answer.text()).toBe(202);
    created.push(name);
    ids.push(((await answer.json()) as { jobId: number }).jobId);
  }
  for (const id of ids) await waitJob(api, id);

  await page.goto(`/nodes/${CLUSTER}/${third}`);
  const mirrors = page.getByRole("region", { name: "Secondary VMs" });
  for (const name of names) await expect(mirrors.getByRole("link", { name })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Evacuate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Which VMs").selectOption("secondary-only");
  await dialog.getByLabel(/to confirm/).fill(third!);
  await dialog.getByRole("button", { name: "Evacuate" }).click();

  const followed = page.getByRole("region", { name: `Evacuate ${third}` });
  await expect(followed.getByRole("status").first()).toHaveText("Job finished successfully.", { timeout: 60_000 });
  const moves = followed.getByRole("group", { name: /^Jobs started by job/ });
  await expect(moves).toContainText(/This job started \d+ jobs?/);
  await expectJobsSucceeded(moves);
  for (const name of names) await expect(mirrors.getByRole("link", { name })).toHaveCount(0, { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("node-evacuated.png"), fullPage: true });

  // The mirrors are now on the first node, where the VM pages say so too.
  await page.goto(`/nodes/${CLUSTER}/${first}`);
  for (const name of names) await expect(page.getByRole("region", { name: "Secondary VMs" }).getByRole("link", { name })).toBeVisible({ timeout: 20_000 });
});

test.afterAll(async ({ browser }) => {
  if (created.length === 0) return;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  for (const name of created) {
    const answer = await page.request.delete(`/api/instances/${CLUSTER}/${encodeURIComponent(name)}`);
    if (answer.status() === 202) await waitJob(page.request, ((await answer.json()) as { jobId: number }).jobId).catch(() => undefined);
  }
  await context.close();
});
