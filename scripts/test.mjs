#!/usr/bin/env node
// `npm test`: everything, in the order that fails fastest with the clearest message:
//   1. Debian's packages the tests drive (installed with apt-get when missing): Chromium for Playwright (never a
//      downloaded browser), Ganeti 3.0.2's htools and Python RAPI client, which the htools golden tests and the
//      RAPI contract tests run beside Gantry's, vncsnapshot (with djpeg to read its pictures), a real VNC client for
//      the fake instances' consoles, and TigerVNC's Xvnc, the real VNC server behind the console proxy's tests (those
//      are skipped, not failed, where they cannot install)
//   2. the production build of the web app (`next build`, also type-checks the app)
//   3. the type check of the whole tree (tsc --noEmit)
//   4. vitest: unit tests beside the code, then integration tests that start real processes
//   5. Playwright flows in Chromium against the real server
// It ends with one line, `N passed, N failed`, summing all suites (the build and the type check count as one each).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-test-reports-"));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  TZ: "UTC",
  CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
};
const tally = { passed: 0, failed: 0 };
const failures = [];

const run = (command, args, extraEnv = {}) =>
  spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

function step(name, ok) {
  if (ok) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(name);
  }
}

function section(title) {
  console.log(`\n=== ${title} ===`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

section("Debian packages");
const PACKAGES = [
  { pkg: "chromium", file: env.CHROMIUM_PATH, missing: "the browser flows will fail" },
  { pkg: "ganeti-htools", file: "/usr/bin/hbal", missing: "the comparisons with Ganeti's hbal, hspace and hail are skipped" },
  { pkg: "python3-ganeti-rapi", file: "/usr/lib/python3/dist-packages/ganeti/rapi/client.py", missing: "the Python RAPI client tests are skipped" },
  { pkg: "vncsnapshot", file: "/usr/bin/vncsnapshot", missing: "the snapshot of a fake instance's console by a real VNC client is skipped" },
  { pkg: "libjpeg-turbo-progs", file: "/usr/bin/djpeg", missing: "the snapshot of a fake instance's console by a real VNC client is skipped" },
  { pkg: "tigervnc-standalone-server", file: "/usr/bin/Xvnc", missing: "the console proxy tests against a real VNC server are skipped" },
  { pkg: "tigervnc-tools", file: "/usr/bin/vncpasswd", missing: "the console proxy tests against a real VNC server are skipped" },
  { pkg: "qemu-system-x86", file: "/usr/bin/qemu-system-x86_64", missing: "the kvm hypervisor's tests against a real QEMU are skipped" },
  { pkg: "qemu-utils", file: "/usr/bin/qemu-img", missing: "the kvm hypervisor's disk image tests are skipped" },
];
ensurePackages(PACKAGES);

section("Build");
const buildOk = run(process.execPath, ["scripts/ensure-build.mjs"]) === 0;
step("next build", buildOk);

section("Type check");
step("tsc --noEmit", run(bin("tsc"), ["--noEmit"]) === 0);

section("Unit and integration tests (vitest)");
const vitestJson = path.join(reports, "vitest.json");
const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  tally.passed += vitest.numPassedTests;
  tally.failed += vitest.numFailedTests;
  if (vitest.numFailedTests) failures.push(`vitest: ${vitest.numFailedTests} failed`);
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) step("vitest (errors outside tests)", false);
} else step("vitest (no report)", false);

section("Browser flows (Playwright)");
const playwrightJson = path.join(reports, "playwright.json");
const playwrightStatus = buildOk
  ? run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson })
  : 1;
const playwright = readJson(playwrightJson);
if (playwright?.stats) {
  const { expected, unexpected, flaky } = playwright.stats;
  tally.passed += expected + flaky;
  tally.failed += unexpected;
  if (unexpected) failures.push(`playwright: ${unexpected} failed`);
  if (playwrightStatus !== 0 && unexpected === 0) step("playwright (errors outside tests)", false);
} else step(buildOk ? "playwright (no report)" : "playwright (skipped: the build failed)", false);

fs.rmSync(reports, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);

function ensurePackages(wanted) {
  const missing = wanted.filter((w) => !fs.existsSync(w.file));
  if (missing.length === 0) return;
  const names = missing.map((w) => w.pkg);
  let ok = false;
  if (process.getuid?.() !== 0) console.error(`test: not root; install with \`sudo apt-get install -y ${names.join(" ")}\`.`);
  else {
    console.log(`test: installing Debian's ${names.join(", ")} with apt-get…`);
    const aptEnv = { DEBIAN_FRONTEND: "noninteractive" };
    ok = run("apt-get", ["update", "-qq"], aptEnv) === 0 && run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], aptEnv) === 0;
  }
  for (const w of missing) if (!ok || !fs.existsSync(w.file)) console.error(`test: ${w.pkg} is missing (${w.file}); ${w.missing}.`);
}
