// The console proxy with real processes and sockets: a real WebSocket client playing noVNC's part, the proxy behind a
// plain HTTP server's upgrade, an embedded cluster behind Gantry's RAPI and a real SQLite database, and two real VNC
// servers: the fake instance's own console (its cluster's RFB server, as RAPI names it) and TigerVNC's Xvnc, a VNC
// server that is not Gantry's — for Xvnc, the one answer of RAPI's /2/instances/NAME/console is Xvnc's address,
// everything else is the real cluster. The browser gets RFB 3.8 with security None, the server's screen and its
// updates, never the VNC password; what it types reaches the VM; refusals (origin, session, token) close before any TCP
// connection; the limits (per user, idle, maximum length) and the losses (permission, sign-out, deactivation) close
// open consoles with a code and a text; everything is audited.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcriptFile } from "@/lib/ganeti/hypervisors/fake-console/transcript";
import { readVncClusterPassword } from "@/lib/ganeti/hypervisors/vnc-cluster-password";
import type { Actor } from "@/lib/manager/actor";
import { endSession, newSessionClaims, SESSION_MAX_AGE_SECONDS, type SessionClaims } from "@/lib/manager/auth/session-lifetime";
import { rapiConnector, type ClusterConnector } from "@/lib/manager/clusters/cluster-connection";
import { updateCluster } from "@/lib/manager/clusters/update-cluster";
import { issueConsoleToken } from "@/lib/manager/console/issue-console-token";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import type { ConsoleSettings } from "@/lib/server/config";
import { CloseCode } from "./close-codes";
import { createConsoleProxy } from "./console-proxy";
import { dialTcp } from "./console-session";
import { WRONG_VNC_PASSWORD } from "./rfb-client-handshake";
import { ConsoleSessionRegistry } from "./session-registry";
import { browserHandshake, keyEvent, openConsoleSocket, readFullScreen, type RfbBrowser } from "./testing/rfb-browser";
import { ensureXvnc, startXvnc, type Xvnc } from "./testing/xvnc";

const skipReason = ensureXvnc();
if (skipReason) console.log(`console proxy tests skipped: ${skipReason}`);

const VM = "web1.example.org";
const VNC_PASSWORD = "s3cretpw";
const SECRET = crypto.randomBytes(32).toString("base64url");
const SETTINGS: ConsoleSettings = { tokenSeconds: 30, idleMinutes: 15, maxHours: 8, maxPerUser: 3, recheckSeconds: 0.2 };

let h: ManagerHarness;
let xvnc: Xvnc;
let consolePort = 0;
let dials = 0;
type Person = { actor: Actor; claims: SessionClaims; cookie: string };
const people: Record<"olga" | "hugo" | "carl", Person> = {} as never;

/** Gantry's RAPI client of the harness cluster, except that the VM's console is Xvnc's, at `consolePort`. */
const toXvnc: ClusterConnector = (endpoint) => {
  const client = rapiConnector(endpoint);
  client.getInstanceConsole = async (name) => ({ instance: name, kind: "vnc", host: "127.0.0.1", port: consolePort, display: consolePort - 5900 });
  return client;
};

async function person(id: string): Promise<Person> {
  const actor = await h.user(id);
  const claims = newSessionClaims(actor.id);
  const jwt = await encode({ token: { uid: claims.userId, sid: claims.sid, signedInAt: claims.signedInAt, email: actor.email }, secret: SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
  return { actor: { ...actor, sessionId: claims.sid }, claims, cookie: `next-auth.session-token=${jwt}` };
}

/** A proxy behind its own HTTP server, as server.ts mounts it. */
async function startProxy(settings: Partial<ConsoleSettings> = {}, connect = toXvnc) {
  const registry = new ConsoleSessionRegistry();
  const server = http.createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const proxy = createConsoleProxy({
    db: h.t.db,
    box: h.deps.box,
    connect,
    settings: { ...SETTINGS, ...settings },
    registry,
    publicUrl: `http://${base}`,
    session: { secret: SECRET, secure: false },
    dial: (host, port) => (dials++, dialTcp(host, port)),
  });
  server.on("upgrade", (req, socket, head) => (proxy.handles(req) ? proxy.handleUpgrade(req, socket, head) : socket.destroy()));
  const open = async (who: Person, options: { token?: string | null; origin?: string; cookie?: string | null; protocols?: string[] } = {}): Promise<RfbBrowser> => {
    const token = options.token === undefined ? (await issueConsoleToken({ db: h.t.db, settings: { ...SETTINGS, ...settings }, openConsoles: (u) => registry.countForUser(u) }, { actor: who.actor, ref: { cluster: "lab", name: VM } })).token : options.token;
    const headers: Record<string, string> = { origin: options.origin ?? `http://${base}` };
    const cookie = options.cookie === undefined ? who.cookie : options.cookie;
    if (cookie) headers.cookie = cookie;
    return openConsoleSocket(`ws://${base}/console/ws${token === null ? "" : `?token=${encodeURIComponent(token)}`}`, headers, options.protocols);
  };
  const close = () => {
    proxy.closeAll(1001, "the test is over");
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { proxy, registry, open, close };
}

const audit = (action: string, since = new Date(0)) => h.t.db.auditEntry.findMany({ where: { action, at: { gte: since } }, orderBy: { at: "asc" } });

beforeAll(async () => {
  h = await createManagerHarness();
  await h.rapi.cluster.createInstance(VM, "diskless", "node2.example.org");
  await h.sync();
  people.olga = await person("olga");
  people.hugo = await person("hugo");
  people.carl = await person("carl");
  await h.t.db.instanceOwner.create({ data: { clusterId: h.clusterId, instanceName: VM, persona: `user:${people.olga.actor.id}` } });
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${people.hugo.actor.id}`, cluster: "lab", instance: VM, perm: "console" } });
  await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: VNC_PASSWORD } });
  if (skipReason) return;
  xvnc = await startXvnc(VNC_PASSWORD);
  consolePort = xvnc.port;
}, 120_000);
afterAll(async () => {
  await xvnc?.stop();
  await h?.close();
});

describe("the console proxy in front of the fake instance's own console", () => {
  it("shows its screen and passes what is typed to it, authenticating with the cluster's VNC password", async () => {
    await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: readVncClusterPassword(h.rapi.cluster.stateDir) } });
    const p = await startProxy({}, rapiConnector);
    try {
      const browser = await p.open(people.olga);
      const { securityTypes, serverInit } = await browserHandshake(browser);
      expect(securityTypes).toEqual([1]);
      expect(serverInit.name).toBe(`${VM} (Gantry fake hypervisor, simulated)`);
      const rects = await readFullScreen(browser, serverInit.width, serverInit.height, serverInit.bitsPerPixel / 8);
      expect(rects.reduce((sum, r) => sum + r.w * r.h, 0)).toBe(serverInit.width * serverInit.height);
      for (const ch of "typed-through-the-proxy") keyEvent(browser, ch.charCodeAt(0));
      keyEvent(browser, 0xff0d);
      const log = transcriptFile(h.rapi.cluster.stateDir, VM);
      await expect.poll(() => (fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""), { timeout: 10_000 }).toContain("typed-through-the-proxy");
      expect(browser.received().includes(Buffer.from(readVncClusterPassword(h.rapi.cluster.stateDir)))).toBe(false);
      browser.ws.close();
    } finally {
      await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: VNC_PASSWORD } });
      await p.close();
    }
  });
});

describe.skipIf(!!skipReason)("the console proxy in front of Xvnc", () => {
  it("gives a permitted user RFB 3.8 with security None, Xvnc's screen and its updates — never the VNC password", async () => {
    const p = await startProxy();
    const since = new Date();
    try {
      const browser = await p.open(people.olga);
      const { version, securityTypes, serverInit } = await browserHandshake(browser);
      expect(version).toBe("RFB 003.008\n");
      expect(securityTypes).toEqual([1]);
      expect(serverInit).toMatchObject({ width: xvnc.width, height: xvnc.height, bitsPerPixel: 32 });
      const rects = await readFullScreen(browser, xvnc.width, xvnc.height);
      expect(rects.reduce((sum, r) => sum + r.w * r.h, 0)).toBe(xvnc.width * xvnc.height);
      keyEvent(browser, 0x61);
      expect(p.registry.countForUser(people.olga.actor.id)).toBe(1);
      browser.ws.close(1000);
      expect(await browser.closed).toMatchObject({ code: 1000 });
      await expect.poll(() => p.registry.countForUser(people.olga.actor.id)).toBe(0);
      expect(browser.received().includes(Buffer.from(VNC_PASSWORD))).toBe(false);

      const [open] = await audit("console.open", since);
      expect(open).toMatchObject({ result: "success", actorId: people.olga.actor.id, objectName: VM, objectId: `lab/${VM}`, clusterId: h.clusterId, ip: "127.0.0.1" });
      await expect.poll(async () => (await audit("console.close", since)).length).toBe(1);
      const [close] = await audit("console.close", since);
      const tally = JSON.parse(close!.after!);
      expect(tally.bytesToBrowser).toBeGreaterThan(xvnc.width * xvnc.height * 4);
      expect(tally.bytesFromBrowser).toBeGreaterThan(16);
      expect(close!.message).toMatch(/^Closed in the browser\. — after \d+ s; \d+ bytes to the browser, \d+ from it$/);
      expect(JSON.stringify(await h.t.db.auditEntry.findMany())).not.toContain(VNC_PASSWORD);
    } finally {
      await p.close();
    }
  });

  it("answers noVNC asking for the binary subprotocol with it", async () => {
    const p = await startProxy();
    try {
      const browser = await p.open(people.hugo, { protocols: ["binary"] });
      await browser.opened;
      expect(browser.ws.protocol).toBe("binary");
      expect((await browserHandshake(browser)).serverInit.width).toBe(xvnc.width);
      browser.ws.close();
    } finally {
      await p.close();
    }
  });

  it("refuses before any connection to the VNC server: another origin, no session, another user's or a used, expired or missing token", async () => {
    const p = await startProxy();
    try {
      const before = dials;
      await expect((await p.open(people.olga, { origin: "https://evil.example" })).opened).rejects.toThrow("HTTP 403");
      expect(await (await p.open(people.olga, { cookie: null })).closed).toEqual({ code: CloseCode.notSignedIn, reason: "You are not signed in (or your session ended); sign in and open the console again." });
      expect(await (await p.open(people.olga, { token: null })).closed).toMatchObject({ code: CloseCode.badRequest });

      const { token } = await issueConsoleToken({ db: h.t.db, settings: SETTINGS, openConsoles: () => 0 }, { actor: people.olga.actor, ref: { cluster: "lab", name: VM } });
      expect(await (await p.open(people.hugo, { token })).closed).toMatchObject({ code: CloseCode.tokenRefused, reason: expect.stringMatching(/^The console link was issued to another user/) });
      const expired = await issueConsoleToken({ db: h.t.db, settings: SETTINGS, openConsoles: () => 0, now: () => new Date(Date.now() - 31_000) }, { actor: people.olga.actor, ref: { cluster: "lab", name: VM } });
      expect(await (await p.open(people.olga, { token: expired.token })).closed).toMatchObject({ code: CloseCode.tokenRefused, reason: expect.stringMatching(/^The console link expired/) });
      expect(dials).toBe(before);

      const first = await p.open(people.olga, { token });
      await browserHandshake(first);
      expect(await (await p.open(people.olga, { token })).closed).toMatchObject({ code: CloseCode.tokenRefused, reason: expect.stringMatching(/^The console link was already used/) });
      expect(dials).toBe(before + 1);
      first.ws.close();

      const refusals = (await audit("console.open")).filter((e) => e.result === "refused").map((e) => e.message);
      expect(refusals).toEqual(expect.arrayContaining([expect.stringMatching(/another origin \(https:\/\/evil\.example\)/), expect.stringMatching(/not signed in/), expect.stringMatching(/already used/)]));
    } finally {
      await p.close();
    }
  });

  it("says when the cluster's VNC password is wrong or missing, and takes None from a server without a password", async () => {
    const p = await startProxy();
    try {
      await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: "wrong-pw" } });
      expect(await (await p.open(people.olga)).closed).toEqual({ code: CloseCode.vncAuthFailed, reason: WRONG_VNC_PASSWORD });
      await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: "" } });
      expect(await (await p.open(people.olga)).closed).toMatchObject({ code: CloseCode.vncAuthFailed, reason: expect.stringMatching(/asks for a password and the cluster has none/) });

      const open = await startXvnc(null);
      consolePort = open.port;
      try {
        const browser = await p.open(people.olga);
        expect((await browserHandshake(browser)).serverInit.width).toBe(open.width);
        browser.ws.close();
      } finally {
        consolePort = xvnc.port;
        await open.stop();
      }
    } finally {
      await updateCluster(h.deps, { actor: h.admin, cluster: "lab", input: { vncPassword: VNC_PASSWORD } });
      await p.close();
    }
  });

  it("holds each user to their number of open consoles", async () => {
    const p = await startProxy({ maxPerUser: 2 });
    try {
      const open = [await p.open(people.hugo), await p.open(people.hugo)];
      for (const b of open) await browserHandshake(b);
      const tokenRefused = await issueConsoleToken({ db: h.t.db, settings: { ...SETTINGS, maxPerUser: 2 }, openConsoles: (u) => p.registry.countForUser(u) }, { actor: people.hugo.actor, ref: { cluster: "lab", name: VM } }).catch((e: Error) => e.message);
      expect(tokenRefused).toBe("You have 2 consoles open, the most allowed; close one first.");
      // A token issued before the others opened is still held to the limit when it is used.
      const early = await issueConsoleToken({ db: h.t.db, settings: SETTINGS, openConsoles: () => 0 }, { actor: people.hugo.actor, ref: { cluster: "lab", name: VM } });
      expect(await (await p.open(people.hugo, { token: early.token })).closed).toMatchObject({ code: CloseCode.tooMany });
      expect((await browserHandshake(await p.open(people.olga))).serverInit.width).toBe(xvnc.width); // others are not held to hugo's
      for (const b of open) b.ws.close();
    } finally {
      await p.close();
    }
  });

  it("closes an open console when the permission is revoked, on sign-out and on deactivation", async () => {
    const p = await startProxy();
    const grant = { grantee: `user:${people.hugo.actor.id}`, cluster: "lab", instance: VM, perm: "console" };
    try {
      const revoked = await p.open(people.hugo);
      await browserHandshake(revoked);
      await changePermission({ db: h.t.db }, { actor: h.admin, grant: false, input: grant });
      expect(await revoked.closed).toEqual({ code: CloseCode.permissionLost, reason: "You no longer have the console permission on this VM." });
      await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: grant });

      const carlOwnsNothing = await issueConsoleToken({ db: h.t.db, settings: SETTINGS, openConsoles: () => 0 }, { actor: people.carl.actor, ref: { cluster: "lab", name: VM } }).catch((e: Error) => e.message);
      expect(carlOwnsNothing).toMatch(/^Not allowed: opening this VM's console/);

      const signedOut = await p.open(people.olga);
      await browserHandshake(signedOut);
      await endSession(h.t.db, people.olga.claims);
      expect(await signedOut.closed).toEqual({ code: CloseCode.sessionOver, reason: "You signed out." });
      people.olga = await person("olga");

      const deactivated = await p.open(people.olga);
      await browserHandshake(deactivated);
      await h.t.db.user.update({ where: { id: people.olga.actor.id }, data: { isActive: false } });
      expect(await deactivated.closed).toEqual({ code: CloseCode.deactivated, reason: "Your account is deactivated." });
      await h.t.db.user.update({ where: { id: people.olga.actor.id }, data: { isActive: true } });

      const closes = (await audit("console.close")).map((e) => JSON.parse(e.after!).closeCode);
      expect(closes).toEqual(expect.arrayContaining([CloseCode.permissionLost, CloseCode.sessionOver, CloseCode.deactivated]));
    } finally {
      await p.close();
    }
  });

  it("closes a console left without input, not one in use, and any console at its maximum length", async () => {
    const idle = await startProxy({ idleMinutes: 1.5 / 60 });
    try {
      const quiet = await idle.open(people.olga);
      const busy = await idle.open(people.hugo);
      await browserHandshake(quiet);
      await browserHandshake(busy);
      const typing = setInterval(() => keyEvent(busy, 0x62), 300);
      try {
        expect(await quiet.closed).toMatchObject({ code: CloseCode.idle, reason: expect.stringMatching(/without keyboard or mouse input/) });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(busy.ws.readyState).toBe(busy.ws.OPEN);
      } finally {
        clearInterval(typing);
      }
      expect(await busy.closed).toMatchObject({ code: CloseCode.idle });
    } finally {
      await idle.close();
    }

    const short = await startProxy({ maxHours: 1.5 / 3600 });
    try {
      const browser = await short.open(people.olga);
      await browserHandshake(browser);
      const typing = setInterval(() => keyEvent(browser, 0x63), 200);
      try {
        expect(await browser.closed).toMatchObject({ code: CloseCode.maxLength, reason: expect.stringMatching(/lasts at most/) });
      } finally {
        clearInterval(typing);
      }
    } finally {
      await short.close();
    }
  });

  it("tells the browser when the VNC server goes away, and when Gantry shuts down", async () => {
    const p = await startProxy();
    const own = await startXvnc(VNC_PASSWORD);
    consolePort = own.port;
    try {
      const browser = await p.open(people.olga);
      await browserHandshake(browser);
      await own.stop();
      expect(await browser.closed).toMatchObject({ code: CloseCode.vncClosed });
      consolePort = xvnc.port;
      const other = await p.open(people.olga);
      await browserHandshake(other);
      p.proxy.closeAll(1001, "Gantry is restarting; open the console again in a moment.");
      expect(await other.closed).toEqual({ code: 1001, reason: "Gantry is restarting; open the console again in a moment." });
    } finally {
      consolePort = xvnc.port;
      await p.close();
    }
  });
});
