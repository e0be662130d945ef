// The console through the real server (server.ts with its embedded demo cluster): a console token from the API, then
// the WebSocket on the app's own port with the session cookie, through to the demo VM's own VNC console (the proxy
// answering its password challenge with the cluster's password, registered at start-up) — refused from another origin,
// without a session, with a used token; a stopped VM gets no token; and after a sign-out neither the API nor the
// WebSocket accepts the old cookie.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { readVncClusterPassword } from "@/lib/ganeti/hypervisors/vnc-cluster-password";
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
}, 300_000);

afterAll(async () => {
  if (server) {
    server.signal("SIGTERM");
    await server.exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the console through the real server", () => {
  it("issues a token and opens the VM's console on the app's own port, never showing the VNC password", async () => {
    const issued = await api("POST", `/api/instances/cluster/${VM}/console`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), path: `/console/ws?token=${issued.body.token}` });

    await expect(socket(issued.body.path, { origin: "https://evil.example" }).opened).rejects.toThrow("HTTP 403");
    expect(await socket(issued.body.path, { cookie: "" }).closed).toMatchObject({ code: CloseCode.notSignedIn });

    const browser = socket(issued.body.path);
    const { version, securityTypes, serverInit } = await browserHandshake(browser);
    expect([version, securityTypes, serverInit.name]).toEqual(["RFB 003.008\n", [1], `${VM} (Gantry fake hypervisor, simulated)`]);
    browser.ws.close(1000);
    expect(await browser.closed).toMatchObject({ code: 1000 });
    const password = readVncClusterPassword(path.join(dir, "data", "cluster"));
    expect(browser.received().includes(Buffer.from(password))).toBe(false);
    expect(JSON.stringify(issued.body)).not.toContain(password);
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
