// Signing out ends the session on the server, not just in the browser: a copy of the session cookie taken before the
// sign-out (a stolen one, another tab's) is refused afterwards by the API, the pages and next-auth's session endpoint,
// while the user's other sessions go on. The sign-out is audited.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { freePort, signInOverHttp, signOutOverHttp, spawnServer, tsxServer, waitUntilListening, type ServerProcess } from "@/lib/server/testing";

const ADMIN = { email: "admin@gantry.local", password: "sign-out-admin-password" };

let dir: string;
let server: ServerProcess;
let base: string;

beforeAll(async () => {
  dir = makeTempDir("gantry-sign-out-");
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnServer(tsxServer(), { PORT: String(port), GANTRY_DATA_DIR: path.join(dir, "data"), GANTRY_ADMIN_PASSWORD: ADMIN.password, GANTRY_DEMO_CLUSTER: "0", GANTRY_SYNC_INTERVAL: "0" });
  await waitUntilListening(server);
});
afterAll(async () => {
  server?.signal("SIGTERM");
  await server?.exited;
  fs.rmSync(dir, { recursive: true, force: true });
});

const apiStatus = async (cookie: string) => (await fetch(`${base}/api/clusters`, { headers: { cookie } })).status;
const sessionUser = async (cookie: string) => ((await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email: string } }).user;

describe("signing out", () => {
  it("ends that session for every copy of its cookie, and only that session", async () => {
    const laptop = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
    const phone = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
    const stolenCopy = laptop;
    expect(await apiStatus(laptop)).toBe(200);
    expect(await sessionUser(laptop)).toMatchObject({ email: ADMIN.email });

    await signOutOverHttp(base, laptop);

    expect(await apiStatus(stolenCopy)).toBe(401);
    expect(await sessionUser(stolenCopy)).toBeUndefined();
    const page = await fetch(`${base}/instances`, { headers: { cookie: stolenCopy }, redirect: "manual" });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    expect(page.headers.get("location")).toMatch(/\/login/);
    expect(await apiStatus(phone)).toBe(200);

    const sqlite = new Database(path.join(dir, "data", "gantry.db"), { readonly: true });
    try {
      expect(sqlite.prepare(`SELECT count(*) AS n FROM "EndedSession"`).get()).toEqual({ n: 1 });
      expect(sqlite.prepare(`SELECT "actorEmail", result FROM "AuditEntry" WHERE action = 'user.sign_out'`).all()).toEqual([{ actorEmail: ADMIN.email, result: "success" }]);
    } finally {
      sqlite.close();
    }
    expect(server.output().stderr).not.toMatch(/JWT_SESSION_ERROR/);
  });
});
