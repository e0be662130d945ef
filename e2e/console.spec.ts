// The browser console on the demo cluster's running VM (a fake-hypervisor instance: its node serves a simulated text
// console over VNC, with the cluster's VNC password): a permitted user opens it, the canvas shows the VM's text and
// what they type reaches the VM (its console transcript records it), and neither the page nor the socket ever carries
// the VNC password; a console link works once and only in time; a user without `console` gets none; revoking the
// permission closes an open console; the audit log has the opens and closes.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { signInAs, signInAsAdmin } from "./helpers";

const CLUSTER = "cluster";
const VM = "web.demo.gantry.internal";
const STATE_DIR = path.join(E2E_DATA_DIR, "cluster");
const stamp = Date.now().toString(36);
const SUPPORT = { email: `support-${stamp}@e2e.test`, name: "Sam Support", password: "support-password-1" };
const VIEWER = { email: `viewer-${stamp}@e2e.test`, name: "Vic Viewer", password: "viewer-password-1" };
const consoleGrant = (userId: string) => ({ grantee: `user:${userId}`, cluster: CLUSTER, instance: VM, perm: "console" });
const ids: Record<string, string> = {};

test.describe.configure({ mode: "serial" });

async function asAdmin<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAsAdmin(page);
    return await work(page);
  } finally {
    await context.close();
  }
}

test.beforeAll(async ({ browser }) => {
  await asAdmin(browser, async (page) => {
    // The server registers its embedded cluster and syncs it just after it starts listening.
    await expect.poll(async () => (await page.request.get(`/api/instances/${CLUSTER}/${VM}`)).status(), { timeout: 30_000 }).toBe(200);
    for (const [key, user] of Object.entries({ support: SUPPORT, viewer: VIEWER })) {
      const created = await page.request.post("/api/users", { data: user });
      expect(created.status(), await created.text()).toBe(201);
      ids[key] = ((await created.json()) as { id: string }).id;
    }
    const grants = [consoleGrant(ids.support!), { grantee: `user:${ids.viewer}`, cluster: CLUSTER, instance: VM, perm: "power" }];
    for (const grant of grants) {
      const answer = await page.request.post("/api/permissions", { data: grant });
      expect(answer.ok(), await answer.text()).toBe(true);
    }
  });
});

/** The screen's pixels as PNG bytes (what the user sees of the VM). */
const screenPixels = (page: Page) => page.getByTestId("console-screen").locator("canvas").screenshot();

test("a permitted user opens the console, sees the VM's text, types into it, and never receives the VNC password", async ({ page }) => {
  const password = fs.readFileSync(path.join(STATE_DIR, "vnc-cluster-password"), "utf8").trim();
  expect(password.length).toBeGreaterThan(0);
  // Everything the browser receives: WebSocket frames and every HTTP answer's body.
  const frames: Buffer[] = [];
  const bodies: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => frames.push(Buffer.isBuffer(payload) ? payload : Buffer.from(payload))));
  page.on("response", (response) => void response.text().then((text) => bodies.push(text), () => undefined));

  await signInAs(page, SUPPORT);
  await page.goto(`/instances/${CLUSTER}/${VM}`);
  await page.getByRole("link", { name: "Open console" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Console of ${VM}` })).toBeVisible();
  await expect(page.getByTestId("console-status")).toHaveText(/^Connected/, { timeout: 20_000 });
  // The simulated console's boot text and login prompt are drawn: the canvas is not one flat colour.
  await expect.poll(async () => page.getByTestId("console-screen").locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 384) lit++;
    return lit;
  }), { timeout: 10_000 }).toBeGreaterThan(500);
  const before = await screenPixels(page);

  const typed = `gantry-${stamp}`;
  await page.getByLabel("Type into the VM").fill(`${typed}\n`);
  await page.getByRole("button", { name: "Type it" }).click();
  const transcript = path.join(STATE_DIR, "console", `${VM}.log`);
  await expect.poll(() => (fs.existsSync(transcript) ? fs.readFileSync(transcript, "utf8") : ""), { timeout: 10_000 }).toContain(typed);
  await expect.poll(async () => (await screenPixels(page)).equals(before), { timeout: 10_000 }).toBe(false);
  await page.screenshot({ path: test.info().outputPath("console.png"), fullPage: true });

  // The proxy offered the browser RFB 3.8 with security type None only; the VNC password appears nowhere.
  expect(frames[0]?.toString("latin1")).toBe("RFB 003.008\n");
  expect([...frames[1]!]).toEqual([1, 1]);
  for (const frame of frames) expect(frame.includes(Buffer.from(password, "latin1"))).toBe(false);
  for (const body of [...bodies, await page.content()]) expect(body.includes(password)).toBe(false);
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("console-status")).toHaveText(/ended|closed/i);
});

/** Opens the console WebSocket from the page (its cookie and origin) and says how it went: the first message or the close. */
function tryConsole(page: Page, wsPath: string) {
  return page.evaluate((url) => new Promise<{ first?: string; code?: number; reason?: string }>((resolve) => {
    const socket = new WebSocket(new URL(url, location.href).href.replace(/^http/, "ws"));
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => { resolve({ first: new TextDecoder().decode(event.data as ArrayBuffer) }); socket.close(); };
    socket.onclose = (event) => resolve({ code: event.code, reason: event.reason });
  }), wsPath);
}

test("a console link works once and only in time", async ({ page }) => {
  await signInAs(page, SUPPORT);
  await page.goto("/");
  const issue = async () => {
    const answer = await page.request.post(`/api/instances/${CLUSTER}/${VM}/console`);
    expect(answer.status(), await answer.text()).toBe(200);
    return (await answer.json()) as { token: string; path: string; expiresAt: string };
  };
  const link = await issue();
  expect(await tryConsole(page, link.path)).toEqual({ first: "RFB 003.008\n" });
  expect(await tryConsole(page, link.path)).toMatchObject({ code: 4007, reason: expect.stringMatching(/already used/) });

  const late = await issue();
  // GANTRY_CONSOLE_TOKEN_SECONDS is 5 in the e2e server (playwright.config.ts).
  await page.waitForTimeout(Math.max(0, new Date(late.expiresAt).getTime() - Date.now()) + 1_000);
  expect(await tryConsole(page, late.path)).toMatchObject({ code: 4007, reason: expect.stringMatching(/expired/) });
});

test("a user without the console permission gets no console", async ({ page }) => {
  await signInAs(page, VIEWER);
  await page.goto(`/instances/${CLUSTER}/${VM}`);
  await expect(page.getByRole("toolbar", { name: "VM actions" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open console" })).toHaveCount(0);
  const refused = await page.request.post(`/api/instances/${CLUSTER}/${VM}/console`);
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toMatch(/console/);
  await page.goto(`/instances/${CLUSTER}/${VM}/console`);
  await expect(page.getByTestId("console-status")).toHaveText(/console/);
  await expect(page.getByTestId("console-status")).not.toHaveText(/^Connected/);
});

test("revoking the permission closes an open console, and the audit log shows the opens and closes", async ({ page, browser }) => {
  await signInAs(page, SUPPORT);
  await page.goto(`/instances/${CLUSTER}/${VM}/console`);
  await expect(page.getByTestId("console-status")).toHaveText(/^Connected/, { timeout: 20_000 });
  await asAdmin(browser, async (admin) => {
    const revoked = await admin.request.delete("/api/permissions", { data: consoleGrant(ids.support!) });
    expect(revoked.ok(), await revoked.text()).toBe(true);
  });
  await expect(page.getByTestId("console-status")).toHaveText("You no longer have the console permission on this VM.", { timeout: 20_000 });

  await asAdmin(browser, async (admin) => {
    type Page = { items: Array<{ action: string; result: string; actorEmail: string; message: string }> };
    const rows = async (action: string) => ((await (await admin.request.get(`/api/audit?action=${action}&actor=${encodeURIComponent(SUPPORT.email)}`)).json()) as Page).items;
    await expect.poll(async () => (await rows("console.close")).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const opens = await rows("console.open");
    // The console page opened twice (the first test and this one); the links tried by hand closed before the relay began.
    expect(opens.filter((r) => r.result === "success").length).toBeGreaterThanOrEqual(2);
    expect(opens.some((r) => r.result === "refused" && /already used/.test(r.message))).toBe(true);
    expect((await rows("console.close")).some((r) => /permission/.test(r.message) && /bytes to the browser/.test(r.message))).toBe(true);
    await admin.goto(`/audit?action=console.close`);
    await expect(admin.getByRole("row").filter({ hasText: "console.close" }).filter({ hasText: SUPPORT.email }).first()).toBeVisible();
  });
});
