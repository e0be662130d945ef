// The authorization matrix, through the real server's HTTP handlers (npm start's server.ts with its embedded demo
// cluster, masterd and cache sync): every use case × role — superuser, cluster admin, VM owner as a user, VM owner
// through a group persona, a user holding only `power` on the VM, an unrelated user, and nobody signed in. The
// allowed succeed; the others are refused (403; 401 signed out) with the manager's records and the cluster's job
// list unchanged. Then the quota race: 20 concurrent create requests against a quota that fits 5.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { RapiClient } from "@/lib/ganeti/rapi/client";
import { freePort, signInOverHttp, spawnServer, tsxServer, waitFor, waitUntilListening, type ServerProcess } from "@/lib/server/testing";

const ADMIN = { email: "admin@gantry.local", password: "matrix-admin-password" };
const PASSWORD = "matrix-user-password";
const ROLES = ["superuser", "clusterAdmin", "ownerUser", "ownerGroup", "powerOnly", "unrelated", "signedOut"] as const;
type Role = (typeof ROLES)[number];

let dir: string;
let server: ServerProcess;
let base: string;
let sqlite: Database.Database;
let rapi: RapiClient;
const cookies = new Map<Role, string>();
const ids = new Map<string, string>();

type Answer = { status: number; body: any };
async function call(role: Role, method: string, url: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) : null };
}
const asAdmin = (method: string, url: string, body?: unknown) => call("superuser", method, url, body);
async function ok(answer: Promise<Answer>, what: string): Promise<any> {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The manager's records and the cluster's jobs: what a refused request must leave as it was. */
function snapshot() {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  const cluster = sqlite.prepare(`SELECT "quotaMemory", "quotaDisk", "quotaVcpus", "readOnly" FROM "Cluster" WHERE slug = 'cluster'`).get();
  const owners = sqlite.prepare(`SELECT "instanceName", persona FROM "InstanceOwner" ORDER BY 1`).all();
  const permissions = sqlite.prepare(`SELECT grantee, "instanceName", perm FROM "Permission" ORDER BY 1, 2, 3`).all();
  const requests = sqlite.prepare(`SELECT id, status FROM "VmRequest" ORDER BY 1`).all();
  return { managerJobs: count("ManagerJob"), users: count("User"), clusters: count("Cluster"), quotas: count("Quota"), mails: count("MailMessage"), broadcasts: count("Broadcast"), cluster, owners, permissions, requests };
}
/** The embedded cluster's own job list, read over its RAPI (anonymous reads are allowed, as in Ganeti). */
async function clusterJobCount(): Promise<number> {
  const jobs = (await rapi.getJobs()) as number[];
  return jobs.length;
}

const cachedVm = (name: string) => waitFor(`${name} in the cache`, async () => ((await asAdmin("GET", `/api/instances/cluster/${name}`)).status === 200 ? true : undefined));
const noOpenJobs = () => waitFor("the manager's jobs to end", async () => (sqlite.prepare(`SELECT count(*) AS n FROM "ManagerJob" WHERE "endedAt" IS NULL`).get() as { n: number }).n === 0);

beforeAll(async () => {
  dir = makeTempDir("gantry-matrix-");
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const rapiPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnServer(tsxServer(), {
    PORT: String(port),
    GANTRY_DATA_DIR: path.join(dir, "data"),
    GANTRY_ADMIN_PASSWORD: ADMIN.password,
    GANTRY_RAPI_PORT: String(rapiPort),
    GANTRY_SYNC_INTERVAL: "5",
  });
  await waitUntilListening(server);
  sqlite = new Database(path.join(dir, "data", "gantry.db"), { readonly: true });
  rapi = new RapiClient({ url: `https://127.0.0.1:${rapiPort}`, insecure: true });
  cookies.set("superuser", (await signInOverHttp(base, ADMIN.email, ADMIN.password))!);

  // The people: one per role, and a group whose member owns a VM through it.
  for (const role of ["clusterAdmin", "ownerUser", "ownerGroup", "powerOnly", "unrelated"] as const) {
    const user = await ok(asAdmin("POST", "/api/users", { email: `${role.toLowerCase()}@example.org`, name: role, password: PASSWORD }), `create ${role}`);
    ids.set(role, user.id);
    cookies.set(role, (await signInOverHttp(base, `${role.toLowerCase()}@example.org`, PASSWORD))!);
  }
  const team = await ok(asAdmin("POST", "/api/groups", { name: "team" }), "create group");
  ids.set("team", team.id);
  await ok(asAdmin("PUT", `/api/groups/${team.id}/members`, { members: [ids.get("ownerGroup")] }), "members");
  const grant = (grantee: string, perm: string, instance?: string) => ok(asAdmin("POST", "/api/permissions", { grantee, cluster: "cluster", perm, ...(instance ? { instance } : {}) }), `grant ${perm}`);
  await grant(`user:${ids.get("clusterAdmin")}`, "admin");
  await grant(`user:${ids.get("ownerUser")}`, "create_vm");

  // The VMs: one owned by a user, one by the group; the power-only user holds power on the first.
  const vm = (name: string, owner: string) => ({ cluster: "cluster", name, owner, diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1 });
  await ok(asAdmin("POST", "/api/instances", vm("vm-user", `user:${ids.get("ownerUser")}`)), "create vm-user");
  await ok(asAdmin("POST", "/api/instances", vm("vm-group", `group:${team.id}`)), "create vm-group");
  await cachedVm("vm-user");
  await cachedVm("vm-group");
  await grant(`user:${ids.get("powerOnly")}`, "power", "vm-user");
  // VM requests filed by the unrelated user, one for each role to try to reject.
  for (const role of ROLES) {
    const filed = await ok(call("unrelated", "POST", "/api/requests", { hostname: `req-${role.toLowerCase()}.example.org`, memory: 512, vcpus: 1, disk: 2048, os: "noop", purpose: "the matrix" }), `file a request for ${role}`);
    ids.set(`request-${role}`, String(filed.id));
  }
  await noOpenJobs();
}, 300_000);

afterAll(async () => {
  sqlite?.close();
  rapi?.close();
  if (server) {
    server.signal("SIGTERM");
    await server.exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The VM each role acts on: its own where it has one. */
const vmOf = (role: Role) => (role === "ownerGroup" ? "vm-group" : "vm-user");

type UseCase = { name: string; allowed: Role[]; run: (role: Role) => Promise<Answer>; after?: (role: Role) => Promise<void> };

const EVERYONE_WITH_THE_VM: Role[] = ["superuser", "clusterAdmin", "ownerUser", "ownerGroup"];
const USE_CASES: UseCase[] = [
  { name: "view a VM", allowed: [...EVERYONE_WITH_THE_VM, "powerOnly"], run: (r) => call(r, "GET", `/api/instances/cluster/${vmOf(r)}`) },
  { name: "get a VM's console token", allowed: EVERYONE_WITH_THE_VM, run: (r) => call(r, "POST", `/api/instances/cluster/${vmOf(r)}/console`) },
  { name: "reboot a VM", allowed: [...EVERYONE_WITH_THE_VM, "powerOnly"], run: (r) => call(r, "POST", `/api/instances/cluster/${vmOf(r)}/reboot`) },
  { name: "change a VM's memory", allowed: EVERYONE_WITH_THE_VM, run: (r) => call(r, "PATCH", `/api/instances/cluster/${vmOf(r)}`, { memory: 256 }) },
  { name: "tag a VM", allowed: EVERYONE_WITH_THE_VM, run: (r) => call(r, "POST", `/api/instances/cluster/${vmOf(r)}/tags`, { tags: [`by-${r}`] }) },
  { name: "migrate a VM", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "POST", `/api/instances/cluster/${vmOf(r)}/migrate`, { mode: "live" }) },
  {
    name: "grant a permission on a VM, and revoke it",
    allowed: EVERYONE_WITH_THE_VM,
    run: (r) => call(r, "POST", "/api/permissions", { grantee: `user:${ids.get("unrelated")}`, cluster: "cluster", instance: vmOf(r), perm: "tags" }),
    after: async (r) => void (await ok(call(r, "DELETE", "/api/permissions", { grantee: `user:${ids.get("unrelated")}`, cluster: "cluster", instance: vmOf(r), perm: "tags" }), "revoke")),
  },
  {
    name: "change a VM's owner",
    allowed: ["superuser", "clusterAdmin"],
    // To the owner it has: the roles stay as they are.
    run: (r) => call(r, "PUT", `/api/instances/cluster/${vmOf(r)}/owner`, { owner: r === "ownerGroup" ? `group:${ids.get("team")}` : `user:${ids.get("ownerUser")}` }),
  },
  { name: "create a VM", allowed: ["superuser", "clusterAdmin", "ownerUser"], run: (r) => call(r, "POST", "/api/instances", { cluster: "cluster", name: `new-${r.toLowerCase()}`, diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1 }) },
  { name: "set the cluster's default quota", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "PUT", "/api/clusters/cluster/quotas", { memory: null, disk: null, vcpus: null }) },
  { name: "grant a permission on the cluster", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "POST", "/api/permissions", { grantee: `user:${ids.get("unrelated")}`, cluster: "cluster", perm: "export" }), after: async (r) => void (await ok(call(r, "DELETE", "/api/permissions", { grantee: `user:${ids.get("unrelated")}`, cluster: "cluster", perm: "export" }), "revoke")) },
  { name: "read the cluster's import report", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "GET", "/api/clusters/cluster/import") },
  { name: "list the cluster's permissions", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "GET", "/api/permissions?cluster=cluster") },
  { name: "preview a notice to the cluster's VM owners", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "POST", "/api/broadcasts/preview", { cluster: "cluster" }) },
  { name: "send a notice to the cluster's VM owners", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "POST", "/api/broadcasts", { cluster: "cluster", subject: `From ${r}`, text: "A notice." }) },
  { name: "read the notices sent", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "GET", "/api/broadcasts") },
  { name: "create a user", allowed: ["superuser"], run: (r) => call(r, "POST", "/api/users", { email: `made-by-${r.toLowerCase()}@example.org`, name: "x", password: PASSWORD }) },
  { name: "search the audit log", allowed: ["superuser"], run: (r) => call(r, "GET", "/api/audit?pageSize=5") },
  { name: "add a cluster", allowed: [], run: (r) => call(r, "POST", "/api/clusters", { slug: "other", rapiUrl: "https://127.0.0.1:1" }) },
  { name: "see the VM request queue", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "GET", "/api/requests?queue=1") },
  { name: "reject a VM request", allowed: ["superuser", "clusterAdmin"], run: (r) => call(r, "POST", `/api/requests/${ids.get(`request-${r}`)}/reject`, { message: `rejected by ${r}` }) },
  { name: "read the mail outbox", allowed: ["superuser"], run: (r) => call(r, "GET", "/api/mail") },
  { name: "change the VM request settings", allowed: ["superuser"], run: (r) => call(r, "PUT", "/api/settings/requests", { vcpusMax: 4 }) },
];

describe("the authorization matrix, through HTTP", () => {
  for (const useCase of USE_CASES) {
    it(useCase.name, async () => {
      for (const role of ROLES) {
        const before = snapshot();
        const jobsBefore = await clusterJobCount();
        const answer = await useCase.run(role);
        if (useCase.allowed.includes(role)) {
          expect(answer.status, `${useCase.name} as ${role}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
          await useCase.after?.(role);
        } else {
          // "add a cluster" with an unreachable URL: the superuser passes the permission check and is told the URL fails.
          if (role === "superuser") {
            expect(answer.status, `${useCase.name} as superuser`).toBe(400);
            continue;
          }
          expect(answer.status, `${useCase.name} as ${role}: ${JSON.stringify(answer.body)}`).toBe(role === "signedOut" ? 401 : 403);
          expect(answer.body.error).toMatch(role === "signedOut" ? /^Sign in first\.$/ : /^(Not allowed: .* needs .*|Only a superuser may do this\.)$/);
          expect(snapshot(), `${useCase.name} as ${role} changed nothing`).toEqual(before);
          expect(await clusterJobCount(), `${useCase.name} as ${role} submitted no job`).toBe(jobsBefore);
        }
      }
    });
  }

  it("remove a VM", async () => {
    await cachedVm("new-superuser");
    await cachedVm("new-clusteradmin");
    const targets: Partial<Record<Role, string>> = { superuser: "new-superuser", clusterAdmin: "new-clusteradmin", ownerUser: "vm-user", ownerGroup: "vm-group" };
    for (const role of ["powerOnly", "unrelated", "signedOut"] as const) {
      const before = snapshot();
      const answer = await call(role, "DELETE", "/api/instances/cluster/vm-user");
      expect(answer.status, role).toBe(role === "signedOut" ? 401 : 403);
      expect(snapshot()).toEqual(before);
    }
    for (const [role, name] of Object.entries(targets) as Array<[Role, string]>) {
      const answer = await call(role, "DELETE", `/api/instances/cluster/${name}`);
      expect(answer.status, `${role}: ${JSON.stringify(answer.body)}`).toBe(202);
    }
    await noOpenJobs();
    for (const name of Object.values(targets)) expect((await asAdmin("GET", `/api/instances/cluster/${name}`)).status, name).toBe(404);
    const refusals = sqlite.prepare(`SELECT count(*) AS n FROM "AuditEntry" WHERE result = 'refused' AND action = 'instance.remove'`).get() as { n: number };
    expect(refusals.n).toBe(2);
  });
});

describe("quotas through HTTP", () => {
  it("20 concurrent create requests against a quota that fits 5: exactly 5 are accepted", async () => {
    const owner = `user:${ids.get("ownerUser")}`;
    const used = (await ok(call("ownerUser", "GET", "/api/clusters/cluster/quotas"), "quota")).quotas.find((q: { persona: string }) => q.persona === owner).used;
    await ok(asAdmin("PUT", "/api/clusters/cluster/quotas", { persona: owner, memory: used.memory + 5 * 128, disk: null, vcpus: null }), "set quota");
    const before = await clusterJobCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call("ownerUser", "POST", "/api/instances", { cluster: "cluster", name: `race-${i}`, diskTemplate: "diskless", os: "noop", memory: 128, vcpus: 1 })),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(5);
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused).toHaveLength(15);
    for (const a of refused) expect([a.status, a.body.error]).toEqual([409, expect.stringMatching(/^Over quota: /)]);
    expect(await clusterJobCount()).toBe(before + 5);
    await noOpenJobs();
    const after = (await ok(call("ownerUser", "GET", "/api/clusters/cluster/quotas"), "quota")).quotas.find((q: { persona: string }) => q.persona === owner);
    expect(after.used.memory).toBe(used.memory + 5 * 128);
  });
});

describe("VM requests through HTTP", () => {
  it("two approvers approving the same request at the same moment make one VM; the other is told someone decided", async () => {
    const filed = await ok(call("unrelated", "POST", "/api/requests", { hostname: "both-approve.example.org", memory: 512, vcpus: 1, disk: 2048, os: "noop", purpose: "the race" }), "file");
    const before = await clusterJobCount();
    const approval = { cluster: "cluster", diskTemplate: "diskless" };
    const answers = await Promise.all([call("superuser", "POST", `/api/requests/${filed.id}/approve`, approval), call("clusterAdmin", "POST", `/api/requests/${filed.id}/approve`, approval)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([202, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error).toMatch(/decided by someone else|only a pending or failed request can be approved/);
    expect(await clusterJobCount()).toBe(before + 1);
    await waitFor("the request to be created", async () => ((await call("unrelated", "GET", `/api/requests/${filed.id}`)).body.status === "created" ? true : undefined));
    await cachedVm("both-approve.example.org");
    const creates = sqlite.prepare(`SELECT count(*) AS n FROM "ManagerJob" WHERE action = 'instance.create' AND "instanceName" = 'both-approve.example.org'`).get() as { n: number };
    expect(creates.n).toBe(1);
  });
});
