// The console through the real server (server.ts with its embedded demo cluster): a console token from the API, then
// the WebSocket on the app's own port with the session cookie — refused from another origin, without a session, with
// a used token, and closed with the cluster's own word when the VM has no VNC console; a stopped VM gets no token; and
// after a sign-out neither the API nor the WebSocket accepts the old cookie.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { RapiClient } from "@/lib/ganeti/rapi/client";
import { setUsersFileEntry } from "@/lib/ganeti/rapi/server/users";
import { freePort, signInOverHttp, signOutOverHttp, spawnServer, tsxServer, waitFor, waitUntilListening, type ServerProcess } from "@/lib/server/testing";
import { CloseCode } from "./close-codes";
import { browserHandshake, openConsoleSocket } from "./testing/rfb-browser";

const ADMIN = { email: "admin@gantry.local", password: "console-admin-password" };
const VM = "web.demo.gantry.internal";
const STOPPED = "db.demo.gantry.internal";

let dir: string;
let server: ServerProcess;
let base: string;
let cookie: string;
let rapi: RapiClient;

async function api(method: string, url: string, who = cookie): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${url}`, { method, headers: { cookie: who } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

const socket = (path: string, headers: Record<string, string> = {}) => openConsoleSocket(`${base.replace(/^http/, "ws")}${path}`, { origin: base, cookie, ...headers });

beforeAll(async () => {
  dir = makeTempDir("gantry-console-server-");
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const rapiPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnServer(tsxServer(), { PORT: String(port), NEXTAUTH_URL: base, GANTRY_DATA_DIR: path.join(dir, "data"), GANTRY_ADMIN_PASSWORD: ADMIN.password, GANTRY_RAPI_PORT: String(rapiPort), GANTRY_SYNC_INTERVAL: "2" });
  await waitUntilListening(server);
  cookie = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
  await waitFor("the demo VMs in the cache", async () => (await api("GET", `/api/instances/cluster/${VM}`)).status === 200 && (await api("GET", `/api/instances/cluster/${STOPPED}`)).status === 200);
  // A RAPI reader of our own, to see what the cluster says of the VM's console.
  setUsersFileEntry(path.join(dir, "data", "cluster", "rapi", "users"), "console-test", "console-test-pw", ["read"]);
  rapi = new RapiClient({ url: `https://127.0.0.1:${rapiPort}`, username: "console-test", password: "console-test-pw", insecure: true });
}, 300_000);

afterAll(async () => {
  rapi?.close();
  if (server) {
    server.signal("SIGTERM");
    await server.exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the console through the real server", () => {
  it("issues a token and opens the WebSocket on the app's own port, as far as the VM's console allows", async () => {
    const issued = await api("POST", `/api/instances/cluster/${VM}/console`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), path: `/console/ws?token=${issued.body.token}` });

    await expect(socket(issued.body.path, { origin: "https://evil.example" }).opened).rejects.toThrow("HTTP 403");
    expect(await socket(issued.body.path, { cookie: "" }).closed).toMatchObject({ code: CloseCode.notSignedIn });

    const console = await waitForConsoleAnswer();
    const browser = socket(issued.body.path);
    if (console.kind === "vnc") {
      const { version, securityTypes } = await browserHandshake(browser);
      expect([version, securityTypes]).toEqual(["RFB 003.008\n", [1]]);
      browser.ws.close();
    } else {
      expect(await browser.closed).toEqual({ code: CloseCode.unavailable, reason: `VM ${VM} has no VNC console: ${console.message}.` });
    }
    expect(await socket(issued.body.path).closed).toMatchObject({ code: CloseCode.tokenRefused, reason: expect.stringMatching(/already used/) });
  });

  it("gives no token for a stopped VM, saying to start it first", async () => {
    expect((await api("POST", `/api/instances/cluster/${STOPPED}/shutdown`)).status).toBe(202);
    await waitFor("the VM stopped in the cache", async () => (await api("GET", `/api/instances/cluster/${STOPPED}`)).body?.status === "ADMIN_down");
    expect(await api("POST", `/api/instances/cluster/${STOPPED}/console`)).toEqual({ status: 409, body: { error: `VM ${STOPPED} is stopped: start it first.` } });
  });

  it("after a sign-out, refuses the old cookie for tokens and for the WebSocket", async () => {
    const other = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
    const issued = await api("POST", `/api/instances/cluster/${VM}/console`, other);
    await signOutOverHttp(base, other);
    expect((await api("POST", `/api/instances/cluster/${VM}/console`, other)).status).toBe(401);
    expect(await socket(issued.body.path, { cookie: other }).closed).toMatchObject({ code: CloseCode.notSignedIn });
  });
});

/** The cluster's answer for the VM's console (masterd re-reads the users file within moments). */
async function waitForConsoleAnswer() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await rapi.getInstanceConsole(VM);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
