// The real server process: start-up refuses bad configuration with one clear line, `npm start` serves the app with
// a first administrator who can sign in and its embedded (demo) cluster, and Ctrl-C or SIGTERM stops every process it
// started, masterd included.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { masterRunning } from "@/lib/ganeti/master/single-instance";
import { freePort, signInOverHttp, spawnServer, tsxServer, waitUntilListening } from "@/lib/server/testing";

const dirs: string[] = [];
const temp = () => {
  const dir = makeTempDir("gantry-server-");
  fs.chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function refusal(env: Record<string, string>, wrap: string[] = []) {
  const server = spawnServer([...wrap, ...tsxServer()], { PORT: String(await freePort()), GANTRY_DATA_DIR: path.join(temp(), "data"), ...env });
  const { code } = await server.exited;
  const lines = server.output().stderr.trim().split("\n");
  return { code, lines, stdout: server.output().stdout };
}

describe("start-up refuses what it cannot use, in one line", () => {
  it("an unsupported DATABASE_URL", async () => {
    const { code, lines } = await refusal({ DATABASE_URL: "mysql://gantry:pw@db/gantry" });
    expect(code).toBe(1);
    expect(lines).toEqual(['gantry: DATABASE_URL must be a SQLite URL such as file:./data/gantry.db (got "mysql://gantry:***@db/gantry").']);
  });

  it("a DATABASE_URL that is not a SQLite database", async () => {
    const notADatabase = path.join(temp(), "notes.txt");
    fs.writeFileSync(notADatabase, "these are not the tables you are looking for\n".repeat(100));
    const { code, lines } = await refusal({ DATABASE_URL: `file:${notADatabase}` });
    expect(code).toBe(1);
    expect(lines).toEqual([`gantry: DATABASE_URL: ${notADatabase} is not a SQLite database; point DATABASE_URL at a writable SQLite file.`]);
    expect(fs.readFileSync(notADatabase, "utf8")).toMatch(/^these are not the tables/);
  });

  it("a data directory this user cannot write", async () => {
    const locked = path.join(temp(), "locked");
    fs.mkdirSync(locked, { mode: 0o755 });
    // Root writes through any permission bits, so for root the directory is made a read-only mount instead, in a
    // mount namespace of the server's own.
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) fs.chmodSync(locked, 0o555);
    const wrap = isRoot ? ["unshare", "--mount", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', locked] : [];
    const { code, lines } = await refusal({ GANTRY_DATA_DIR: path.join(locked, "data") }, wrap);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `gantry: GANTRY_DATA_DIR ${locked}/data cannot be created (${isRoot ? "EROFS" : "EACCES"}); point GANTRY_DATA_DIR at a directory this user can write.`,
    ]);
  });

  it("a PORT in use, leaving no masterd behind", async () => {
    const taken = net.createServer().listen(0, "0.0.0.0");
    await new Promise((resolve) => taken.once("listening", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const dataDir = path.join(temp(), "data");
    try {
      const { code, lines } = await refusal({ PORT: String(port), GANTRY_DATA_DIR: dataDir, GANTRY_RAPI_PORT: String(await freePort()) });
      expect(code).toBe(1);
      expect(lines).toEqual([`gantry: port ${port} is already in use; stop the other process or set PORT to a free port.`]);
      expect(await masterRunning(path.join(dataDir, "cluster")), "the masterd this start brought up stops with it").toBe(false);
    } finally {
      taken.close();
    }
  });

  it("a bad PORT", async () => {
    const { code, lines } = await refusal({ PORT: "eighty" });
    expect(code).toBe(1);
    expect(lines).toEqual(['gantry: PORT must be a whole number (got "eighty").']);
  });
});

describe("npm start", () => {
  it("serves the app with a generated administrator password, and stops on SIGTERM and on Ctrl-C", async () => {
    const dataDir = path.join(temp(), "data");
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const rapiPort = await freePort();
      const server = spawnServer(["npm", "start"], { PORT: String(port), GANTRY_DATA_DIR: dataDir, GANTRY_ADMIN_PASSWORD: "", GANTRY_RAPI_PORT: String(rapiPort) });
      try {
        await waitUntilListening(server);
        const health = await fetch(`${baseUrl}/api/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: "ok", db: "ok" });

        // The embedded cluster: made as a demo on the first start, started again on the second, reachable over RAPI.
        const demo = signal === "SIGTERM" ? "; made a demo cluster: 3 virtual nodes (simulated machines, fake hypervisor) and 2 instances" : "";
        expect(server.output().stdout).toContain(`gantry: embedded cluster cluster.demo.gantry.internal ("cluster", ${dataDir}/cluster) with RAPI at https://127.0.0.1:${rapiPort}${demo}.`);
        if (signal === "SIGTERM") {
          const password = /password: (\S+)/.exec(server.output().stdout)?.[1];
          expect(password, server.output().stdout).toMatch(/^[A-Za-z0-9_-]{24}$/);
          expect(await signInOverHttp(baseUrl, "admin@gantry.local", "wrong password")).toBeNull();
          const cookie = await signInOverHttp(baseUrl, "admin@gantry.local", password!);
          expect(cookie).toMatch(/^next-auth\.session-token=/);
          const session = await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: cookie! } })).json();
          expect(session.user).toMatchObject({ email: "admin@gantry.local", isAdmin: true });
        } else {
          expect(server.output().stdout, "the password is printed on the first start only").not.toMatch(/password: /);
        }
      } finally {
        server.signal(signal);
      }
      await server.exited; // npm itself re-raises the signal; what matters is that the server shut down cleanly
      await waitForGroupToExit(server.child.pid!);
      expect(server.output().stdout).toContain(`gantry: ${signal} received, shutting down.\ngantry: stopped.`);
      await expect(fetch(`${baseUrl}/api/health`)).rejects.toThrow();
      expect(await masterRunning(path.join(dataDir, "cluster")), "the masterd the server started stops with it").toBe(false);
    }
  });
});

async function waitForGroupToExit(pgid: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return; // ESRCH: no process of the group is left
    }
    if (Date.now() > deadline) throw new Error(`processes of group ${pgid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
