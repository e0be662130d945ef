// A real host in the e2e server's embedded cluster: a noded on its own loopback address joins with its token
// (`gnt-node add`), and a kvm VM with no disk and no NIC runs there under QEMU — SeaBIOS finds nothing to boot, says
// so on its screen and waits. The admin's browser console shows that very screen through the proxy: QEMU's own account
// of it (the VGA text in guest memory, and its screendump) matches the canvas. Killing the noded makes the VM
// ERROR_nodedown in the UI; started again, noded adopts the QEMU and the VM shows running, the same process.
// The cluster is left as found: the VM and node removed, the enabled hypervisors restored.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { QmpClient } from "../lib/ganeti/hypervisors/kvm/qmp-client";
import { qemuProcessesMentioning } from "../lib/ganeti/hypervisors/kvm/testing/qemu-processes";
import { readTextScreen, screendump, type RgbPicture } from "../lib/ganeti/hypervisors/kvm/testing/qemu-screen";
import { spawnNoded, stopProcess, type NodedProcess } from "../lib/ganeti/noded/testing/noded-process";
import { signInAsAdmin } from "./helpers";

const CLUSTER = "cluster";
const STATE_DIR = path.join(E2E_DATA_DIR, "cluster");
const stamp = Date.now().toString(36);
const HOST = { name: `kvm-${stamp}.e2e.test`, ip: `127.${crypto.randomInt(1, 255)}.${crypto.randomInt(1, 255)}.1` };
const VM = `seabios-${stamp}.e2e.test`;

test.describe.configure({ mode: "serial" });
test.skip(!fs.existsSync("/usr/bin/qemu-system-x86_64"), "QEMU is missing: apt-get install qemu-system-x86");

let base: string;
let noded: NodedProcess | undefined;
let hypervisorsBefore: string[] = [];

const run = promisify(execFile);

/** Runs a gnt-* command against the e2e server's embedded cluster (its masterd, over the CLI socket). */
async function gnt(program: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(path.resolve("bin", program), args, { env: { ...process.env, GANTRY_STATE_DIR: STATE_DIR }, timeout: 120_000 });
  return stdout;
}

const nodedArgs = () => ["--state-dir", path.join(base, "noded"), "--bind", HOST.ip, "--port", "1811", "--name", HOST.name];
/** noded again on its state directory: joined before, it serves with the certificate it received then. */
const restartNoded = async () => (noded = await spawnNoded(nodedArgs(), "listening on"));
const nodedAlive = () => noded !== undefined && noded.process.exitCode === null && noded.process.signalCode === null;
const qmpSocket = () => path.join(base, "noded", "runtime", `${VM}.qmp`);
/** The VM's QEMU (its command line names its QMP socket; noded's names only the state directory). */
const qemuProcesses = () => qemuProcessesMentioning(qmpSocket());

test.beforeAll(async () => {
  test.setTimeout(180_000);
  base = fs.mkdtempSync(path.join(os.tmpdir(), "kvm-console-"));
  hypervisorsBefore = (JSON.parse(fs.readFileSync(path.join(STATE_DIR, "config.data"), "utf8")) as { cluster: { enabled_hypervisors: string[] } }).cluster.enabled_hypervisors;
  await gnt("gnt-cluster", "modify", "--enabled-hypervisors", [...new Set([...hypervisorsBefore, "kvm"])].join(","));
  noded = await spawnNoded(nodedArgs(), "join token:");
  const token = /join token: (\S+)/.exec(noded.text())![1]!;
  await gnt("gnt-node", "add", "--primary-ip", HOST.ip, "--join-token", token, HOST.name);
  // A guest on a real host has no NIC here (no bridge to plug it into); VNC on the node's address.
  await gnt("gnt-instance", "add", "-t", "diskless", "-o", "noop", "--no-install", "--no-nics", "-H", "kvm:vnc_bind_address=0.0.0.0",
    "-B", "memory=128", "-n", HOST.name, "--no-name-check", "--no-ip-check", "--ignore-ipolicy", VM);
  await gnt("gnt-instance", "startup", VM); // a VM added without installing its OS is not started by the add
  expect(qemuProcesses()).toHaveLength(1);
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const steps: Array<() => Promise<unknown>> = [
    async () => { if (!nodedAlive()) await restartNoded(); },
    () => gnt("gnt-instance", "remove", "-f", "--shutdown-timeout", "0", VM),
    () => gnt("gnt-node", "remove", HOST.name),
    () => gnt("gnt-cluster", "modify", "--enabled-hypervisors", hypervisorsBefore.join(",")),
    async () => { if (noded) await stopProcess(noded.process); },
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAsAdmin(page);
      await syncNow(page);
      await context.close();
    },
  ];
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => failures.push(error));
  // Guests outlive their noded by design: whatever this spec started must not outlive it.
  for (const pid of qemuProcessesMentioning(base)) process.kill(pid, "SIGKILL");
  fs.rmSync(base, { recursive: true, force: true });
  expect(failures).toEqual([]);
});

/** Asks the server to sync the cluster's cache now (the VM pages read the cache). */
async function syncNow(page: Page) {
  const answer = await page.request.post(`/api/clusters/${CLUSTER}/sync`);
  expect(answer.status(), await answer.text()).toBe(202);
}

async function cachedStatus(page: Page): Promise<string | null> {
  const answer = await page.request.get(`/api/instances/${CLUSTER}/${VM}`);
  return answer.ok() ? ((await answer.json()) as { status: string }).status : null;
}

/** The console canvas's pixels as RGB bytes, the way the screendump gives them. */
async function canvasPicture(page: Page): Promise<RgbPicture> {
  const { width, height, rgba } = await page.getByTestId("console-screen").locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let binary = "";
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
  });
  const bytes = Buffer.from(rgba, "base64");
  const rgb = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) bytes.copy(rgb, p * 3, p * 4, p * 4 + 3);
  return { width, height, rgb };
}

const lit = (rgb: Buffer, p: number) => rgb[p * 3]! + rgb[p * 3 + 1]! + rgb[p * 3 + 2]! > 192;

/** How the canvas compares with QEMU's picture: pixels alike overall, and among the drawn (lit) pixels of QEMU's. */
function likeness(qemu: RgbPicture, canvas: RgbPicture) {
  const pixels = qemu.width * qemu.height;
  let alike = 0;
  let litInQemu = 0;
  let litAlike = 0;
  for (let p = 0; p < pixels; p++) {
    // Lossy encodings (tight with JPEG) may shift colours a little.
    const same = [0, 1, 2].every((c) => Math.abs(qemu.rgb[p * 3 + c]! - canvas.rgb[p * 3 + c]!) <= 48);
    if (same) alike++;
    if (lit(qemu.rgb, p)) {
      litInQemu++;
      if (same) litAlike++;
    }
  }
  return { alike: alike / pixels, litInQemu, litAlike: litInQemu ? litAlike / litInQemu : 0 };
}

test("the admin's browser console shows the kvm VM's real SeaBIOS screen through the proxy", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  await syncNow(page);
  await expect.poll(() => cachedStatus(page), { timeout: 30_000 }).toBe("running");
  await page.goto(`/instances/${CLUSTER}/${VM}/console`);
  await expect(page.getByTestId("console-status")).toHaveText(/^Connected/, { timeout: 20_000 });
  const canvas = page.getByTestId("console-screen").locator("canvas");
  await expect.poll(async () => (await canvasPicture(page)).rgb.some((v) => v > 64), { timeout: 20_000 }).toBe(true);

  // QEMU answers one QMP client at a time, and noded is that client: stopped (SIGTERM leaves its guests running), it
  // lets the test ask QEMU itself. The console goes from the proxy to QEMU's VNC, not through noded: it stays up.
  await stopProcess(noded!.process);
  const qmp = await QmpClient.connect(qmpSocket());
  try {
    // SeaBIOS tries every boot device before it gives up and says so.
    await expect.poll(async () => (await readTextScreen(qmp)).join("\n"), { timeout: 60_000 }).toContain("No bootable device");
    expect((await readTextScreen(qmp))[0]).toMatch(/^SeaBIOS \(version /);

    // The canvas has QEMU's picture: same size, (nearly) every pixel alike, and the text drawn, not a black frame.
    await expect.poll(async () => {
      const [qemu, shown] = [await screendump(qmp), await canvasPicture(page)];
      expect({ width: shown.width, height: shown.height }).toEqual({ width: qemu.width, height: qemu.height });
      const { alike, litInQemu, litAlike } = likeness(qemu, shown);
      test.info().annotations.push({ type: "likeness", description: `${litInQemu} lit pixels in QEMU's picture; alike ${alike}, lit alike ${litAlike}` });
      expect(litInQemu).toBeGreaterThan(2_000);
      return alike > 0.99 && litAlike > 0.95;
    }, { timeout: 20_000 }).toBe(true);
    await expect(page.getByTestId("console-status")).toHaveText(/^Connected/);
    await canvas.screenshot({ path: test.info().outputPath("seabios-canvas.png") });
    await page.screenshot({ path: test.info().outputPath("seabios-console.png"), fullPage: true });
  } finally {
    qmp.close();
    await restartNoded();
  }
  expect(noded!.text()).toMatch(`${VM}: QEMU still running, adopted`);
});

test("a killed noded makes its VM ERROR_nodedown in the UI; started again, the VM shows running, the same QEMU", async ({ page }) => {
  test.setTimeout(120_000);
  const [qemu] = qemuProcesses();
  expect(qemu).toBeDefined();
  await signInAsAdmin(page);
  await page.goto(`/instances/${CLUSTER}/${VM}`);
  await expect(page.getByText("Running, as it should be.", { exact: true })).toBeVisible({ timeout: 30_000 });

  const exited = new Promise((resolve) => noded!.process.once("exit", resolve));
  noded!.process.kill("SIGKILL");
  await exited;
  await syncNow(page);
  await expect(page.locator('[data-status="ERROR_nodedown"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("ERROR_nodedown").first()).toBeVisible();
  await expect(page.getByText("Its primary node does not answer; its state is unknown.", { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("nodedown.png"), fullPage: true });
  expect(qemuProcesses()).toEqual([qemu]);

  await restartNoded();
  expect(noded!.text()).toMatch(`${VM}: QEMU still running, adopted`);
  await syncNow(page);
  await expect(page.getByText("Running, as it should be.", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-status="running"]').first()).toBeVisible();
  expect(qemuProcesses()).toEqual([qemu]);
});
