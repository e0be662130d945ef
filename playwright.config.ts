// Playwright flows in Debian's Chromium (never a downloaded browser) against the real server on a fresh data directory.
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.GANTRY_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
export const E2E_DATA_DIR = path.join(os.tmpdir(), `gantry-e2e-${port}`);
const dataDir = E2E_DATA_DIR;

export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export default defineConfig({
  testDir: "e2e",
  // One server and one administrator account: flows run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf '${dataDir}' && exec node_modules/.bin/tsx server.ts`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL of the process group: the server then stops the masterd it started
    // (a process group of its own), as on Ctrl-C.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    timeout: 120_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: baseURL,
      GANTRY_DATA_DIR: dataDir,
      GANTRY_ADMIN_EMAIL: E2E_ADMIN.email,
      GANTRY_ADMIN_PASSWORD: E2E_ADMIN.password,
      GANTRY_SIGNIN_LOCK_AFTER: "5",
      // Console links expire sooner than the default 30 s, so that e2e/console.spec.ts sees one expire.
      GANTRY_CONSOLE_TOKEN_SECONDS: "5",
      // The demo embedded cluster's RAPI, beside the app's port.
      GANTRY_RAPI_PORT: String(port + 1),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
