// Console tokens against a real embedded cluster (synced into a real SQLite cache): who gets one (owner, VM console
// grant, not power), a stopped VM and the per-user limit refused with what to do, and the proxy's single use of a token
// — a second use, an expired token, another user's or another session's token refused, a race won by one — and what
// ends an open console: a revoked grant, a deactivated account, a sign-out, the session's end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { endSession, newSessionClaims, SESSION_MAX_AGE_SECONDS } from "@/lib/manager/auth/session-lifetime";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { hashConsoleToken } from "./console-token";
import { consoleLoss, consoleLosses } from "./console-loss";
import { consumeConsoleToken } from "./consume-console-token";
import { issueConsoleToken, type ConsoleTokenDeps } from "./issue-console-token";

let h: ManagerHarness;
let owner: Actor;
let helper: Actor;
let powerOnly: Actor;
let open = 0;
let deps: ConsoleTokenDeps;
const WEB = "web1.example.org";
const STOPPED = "stopped1.example.org";

beforeAll(async () => {
  h = await createManagerHarness();
  await h.rapi.cluster.createInstance(WEB, "diskless", "node2.example.org");
  await h.rapi.cluster.createInstance(STOPPED, "diskless", "node3.example.org", { start: false });
  await h.sync();
  owner = { ...(await h.user("olga")), sessionId: "s-olga" };
  helper = { ...(await h.user("hugo")), sessionId: "s-hugo" };
  powerOnly = { ...(await h.user("pia")), sessionId: "s-pia" };
  await h.t.db.instanceOwner.create({ data: { clusterId: h.clusterId, instanceName: WEB, persona: `user:${owner.id}` } });
  await h.t.db.instanceOwner.create({ data: { clusterId: h.clusterId, instanceName: STOPPED, persona: `user:${owner.id}` } });
  const grant = (who: Actor, perm: string) => changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${who.id}`, cluster: "lab", instance: WEB, perm } });
  await grant(helper, "console");
  await grant(powerOnly, "power");
  deps = { db: h.t.db, settings: { tokenSeconds: 30, maxPerUser: 3 }, openConsoles: () => open };
}, 60_000);
afterAll(() => h?.close());

const ask = (actor: Actor, name = WEB) => issueConsoleToken(deps, { actor, ref: { cluster: "lab", name } });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

describe("issuing a console token", () => {
  it("gives the owner a one-time token for 30 s, stored only as its hash, with the WebSocket path", async () => {
    const before = Date.now();
    const issued = await ask(owner);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.path).toBe(`/console/ws?token=${issued.token}`);
    const lifetime = Date.parse(issued.expiresAt) - before;
    expect(lifetime).toBeGreaterThanOrEqual(29_000);
    expect(lifetime).toBeLessThanOrEqual(31_000);
    const row = await h.t.db.consoleToken.findUniqueOrThrow({ where: { tokenHash: hashConsoleToken(issued.token) } });
    expect(row).toMatchObject({ userId: owner.id, sessionId: "s-olga", clusterId: h.clusterId, instanceName: WEB, usedAt: null });
    expect(JSON.stringify(await h.t.db.consoleToken.findMany())).not.toContain(issued.token);
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "console.token", result: "success", actorId: owner.id } })).toMatchObject({ objectName: WEB });
  });

  it("gives one to a user granted console on the VM, not to one with only power", async () => {
    expect((await ask(helper)).token).toBeTruthy();
    const refused = await refusal(ask(powerOnly));
    expect(isAppError(refused, "forbidden")).toBe(true);
    expect(refused!.message).toBe("Not allowed: opening this VM's console needs the VM's admin or console permission, or the cluster's admin permission.");
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "console.token", result: "refused", actorId: powerOnly.id } })).not.toBeNull();
    expect(await h.t.db.consoleToken.count({ where: { userId: powerOnly.id } })).toBe(0);
  });

  it("refuses a stopped VM, saying to start it first", async () => {
    const refused = await refusal(ask(owner, STOPPED));
    expect(isAppError(refused, "conflict")).toBe(true);
    expect(refused!.message).toBe(`VM ${STOPPED} is stopped: start it first.`);
  });

  it("refuses a user who has as many consoles open as allowed", async () => {
    open = 3;
    try {
      const refused = await refusal(ask(owner));
      expect(isAppError(refused, "conflict")).toBe(true);
      expect(refused!.message).toBe("You have 3 consoles open, the most allowed; close one first.");
    } finally {
      open = 0;
    }
  });

  it("refuses an unknown VM and a request without a session", async () => {
    expect(isAppError(await refusal(ask(owner, "nope.example.org")), "not_found")).toBe(true);
    expect(isAppError(await refusal(ask({ ...owner, sessionId: undefined })), "unauthenticated")).toBe(true);
  });
});

describe("using a console token", () => {
  const use = (token: string, who: Actor, now?: Date) => consumeConsoleToken(h.t.db, { token, userId: who.id, sessionId: who.sessionId!, now });

  it("works once, for the VM it was issued for; a second use is refused", async () => {
    const { token } = await ask(owner);
    expect(await use(token, owner)).toEqual({ ok: true, grant: { clusterId: h.clusterId, instanceName: WEB } });
    expect(await use(token, owner)).toEqual({ ok: false, reason: "The console link was already used; open the console again from the VM's page." });
  });

  it("refuses an expired token, another user's, another session's and an unknown one", async () => {
    const late = await ask(owner);
    expect(await use(late.token, owner, new Date(Date.now() + 31_000))).toEqual({ ok: false, reason: "The console link expired (it must be used within 30 s); open the console again from the VM's page." });
    const stolen = await ask(owner);
    expect((await use(stolen.token, helper)).ok).toBe(false);
    expect(await use(stolen.token, helper)).toMatchObject({ reason: expect.stringMatching(/^The console link was issued to another user/) });
    expect(await use(stolen.token, { ...owner, sessionId: "s-other" })).toMatchObject({ reason: expect.stringMatching(/^The console link was issued in another sign-in session/) });
    expect(await use(stolen.token, owner)).toMatchObject({ ok: true }); // the refusals did not use it up
    expect(await use("x".repeat(43), owner)).toMatchObject({ ok: false, reason: expect.stringMatching(/^The console link is not valid/) });
  });

  it("is won by exactly one of two connections racing with it", async () => {
    const { token } = await ask(owner);
    const results = await Promise.all([use(token, owner), use(token, owner), use(token, owner)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("what ends an open console", () => {
  const grant = { clusterId: "", instanceName: WEB };
  const loss = (who: Actor, claims = newSessionClaims(who.id), now?: number) => consoleLoss(h.t.db, { claims, grant: { ...grant, clusterId: h.clusterId } }, now);

  it("nothing while the user holds the permission (as owner or by grant) in a lasting session", async () => {
    expect(await loss(owner)).toBeNull();
    expect(await loss(helper)).toBeNull();
    expect(await loss(powerOnly)).toBe("permission");
    await h.t.db.user.upsert({ where: { id: h.admin.id }, create: { id: h.admin.id, email: h.admin.email, name: "admin", passwordHash: "-", isAdmin: true }, update: {} });
    expect(await loss(h.admin)).toBeNull(); // a superuser, without any grant
  });

  it("a revoked grant, a deactivated account, a sign-out, the session's end", async () => {
    const revoke = { grantee: `user:${helper.id}`, cluster: "lab", instance: WEB, perm: "console" };
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: false, input: revoke });
    expect(await loss(helper)).toBe("permission");
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: revoke });

    const claims = newSessionClaims(owner.id);
    expect(await loss(owner, claims, Date.now() + SESSION_MAX_AGE_SECONDS * 1000 + 1000)).toBe("session_expired");
    await endSession(h.t.db, claims);
    expect(await loss(owner, claims)).toBe("signed_out");

    await h.t.db.user.update({ where: { id: helper.id }, data: { isActive: false } });
    expect(await loss(helper)).toBe("deactivated");
    await h.t.db.user.update({ where: { id: helper.id }, data: { isActive: true } });
  });

  it("checks every open console of every user in one pass, each on its own VM and session", async () => {
    const lab = { clusterId: h.clusterId };
    const team = await h.t.db.group.create({ data: { name: "console-team", members: { create: { userId: powerOnly.id } } } });
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `group:${team.id}`, cluster: "lab", instance: STOPPED, perm: "console" } });
    const signedOut = newSessionClaims(owner.id);
    await endSession(h.t.db, signedOut);
    const hold = (who: Actor, instanceName: string, claims = newSessionClaims(who.id)) => ({ claims, grant: { ...lab, instanceName } });
    const losses = await consoleLosses(h.t.db, [
      hold(owner, WEB),
      hold(owner, STOPPED),
      hold(owner, WEB, signedOut),
      hold(helper, WEB),
      hold(helper, STOPPED), // granted on WEB only
      hold(powerOnly, WEB),
      hold(powerOnly, STOPPED), // through the group
    ]);
    expect(losses).toEqual([null, null, "signed_out", null, "permission", "permission", null]);
    expect(await consoleLosses(h.t.db, [])).toEqual([]);
  });
});
