// The console bench's Gantry: the real server (`tsx server.ts`, production build) with its embedded demo cluster on a
// temp data directory, a number of running fake instances added through the cluster's RAPI (each with its VNC console
// server in masterd), the server's cache synced, and bench users — cluster admins, so they may open consoles — signed
// in: the proxy allows GANTRY_CONSOLE_MAX_PER_USER consoles per user (100 at most), so 200 sessions need several.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RapiClient } from "../../lib/ganeti/rapi/client";
import { setUsersFileEntry } from "../../lib/ganeti/rapi/server/users";
import { readVncClusterPassword } from "../../lib/ganeti/hypervisors/vnc-cluster-password";
import { masterRunning } from "../../lib/ganeti/master/single-instance";
import { freePort, signInOverHttp, spawnServer, tsxServer, waitFor, waitUntilListening, type ServerProcess } from "../../lib/server/testing";

const ADMIN = { email: "admin@gantry.local", password: "bench-admin-password" };
const DOMAIN = "demo.gantry.internal";
const DEMO_NODES = ["node1", "node2", "node3"].map((n) => `${n}.${DOMAIN}`);
const RAPI_USER = { name: "console-bench", password: crypto.randomBytes(12).toString("hex") };
/** The most consoles one user may have open (GANTRY_CONSOLE_MAX_PER_USER's maximum). */
const MAX_PER_USER = 100;

export type VncTarget = { host: string; port: number };

export type ConsoleGantry = {
  base: string;
  /** The embedded cluster's slug in Gantry. */
  cluster: string;
  vms: string[];
  /** Each VM's VNC console server, as the cluster's RAPI tells it. */
  targets: Map<string, VncTarget>;
  /** The cluster's VNC password (the direct and websockify paths authenticate with it; the proxy does so itself). */
  vncPassword: string;
  /** Session cookies of the bench users, each allowed `perUser` consoles. */
  users: string[];
  perUser: number;
  /** The server's process group (tsx and node) and masterd's pid, for CPU accounting. */
  serverPgid: number;
  masterdPid: number;
  /** The end of the server's output and of masterd's log, to show when something failed. */
  logTail(): string;
  stop(): Promise<void>;
};

export async function startConsoleGantry(options: { vms: number; sessions: number; cpuProfDir?: string; log(line: string): void }): Promise<ConsoleGantry> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-console-"));
  const stateDir = path.join(dataDir, "data", "cluster");
  const port = await freePort();
  const rapiPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ServerProcess | null = null;
  const stop = async () => {
    if (server) {
      server.signal("SIGTERM");
      const killed = setTimeout(() => server?.signal("SIGKILL"), 30_000);
      await server.exited;
      clearTimeout(killed);
      server = null;
    }
    await stopStrayMasterd(stateDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const perUser = Math.min(MAX_PER_USER, Math.ceil(options.sessions / 4));
    // tsx hands Node's own flags to the node it runs: the server's CPU profile is written when it stops.
    const [tsx, ...script] = tsxServer();
    const profile = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : [];
    server = spawnServer([tsx!, ...profile, ...script], {
      NODE_ENV: "production",
      PORT: String(port),
      NEXTAUTH_URL: base,
      GANTRY_DATA_DIR: path.join(dataDir, "data"),
      GANTRY_ADMIN_PASSWORD: ADMIN.password,
      GANTRY_RAPI_PORT: String(rapiPort),
      // The bench asks for a sync when it has made its VMs; no sync runs while it measures.
      GANTRY_SYNC_INTERVAL: "3600",
      GANTRY_CONSOLE_MAX_PER_USER: String(MAX_PER_USER),
    });
    await waitUntilListening(server);
    const admin = (await signInOverHttp(base, ADMIN.email, ADMIN.password))!;
    const api = async (method: string, url: string, body?: unknown, cookie = admin) => {
      const response = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, text };
    };
    const clusters = await api("GET", "/api/clusters");
    const cluster = String(clusters.body?.[0]?.slug ?? "");
    if (!cluster) throw new Error(`the embedded cluster is not registered: ${clusters.text.slice(0, 300)}`);

    // A RAPI user of the bench's own (masterd reads the users file again within moments), certificate pinned.
    setUsersFileEntry(path.join(stateDir, "rapi", "users"), RAPI_USER.name, RAPI_USER.password, ["write"]);
    const fingerprint = new crypto.X509Certificate(fs.readFileSync(path.join(stateDir, "rapi", "rapi.pem"))).fingerprint256;
    const rapi = new RapiClient({ url: `https://127.0.0.1:${rapiPort}`, username: RAPI_USER.name, password: RAPI_USER.password, fingerprint });
    const vms = Array.from({ length: options.vms }, (_, i) => `bench-${String(i + 1).padStart(3, "0")}.${DOMAIN}`);
    const targets = new Map<string, VncTarget>();
    try {
      await waitFor("the bench's RAPI user", () => rapi.getVersion().then(() => true, () => false), 30_000);
      const t = performance.now();
      const jobs = await Promise.all(
        vms.map((name, i) =>
          rapi.createInstance({
            instance_name: name,
            pnode: DEMO_NODES[i % DEMO_NODES.length],
            disk_template: "plain",
            disks: [{ size: 1024 }],
            nics: [{}],
            os_type: "noop",
            beparams: { memory: 512, vcpus: 1 },
            start: true,
          }),
        ),
      );
      for (const id of jobs) await rapi.waitForJob(id);
      options.log(`cluster: ${vms.length} fake instances created and started in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      for (const vm of vms) {
        const console = await rapi.getInstanceConsole(vm);
        if (console.kind !== "vnc" || !console.host || !console.port) throw new Error(`${vm} has no VNC console: ${JSON.stringify(console)}`);
        targets.set(vm, { host: console.host, port: console.port });
      }
    } finally {
      rapi.close();
    }

    const synced = await api("POST", `/api/clusters/${cluster}/sync`);
    if (synced.status !== 202) throw new Error(`asking for a sync: ${synced.status} ${synced.text}`);
    await waitFor("the bench VMs running in the server's cache", async () => {
      for (const vm of vms) if ((await api("GET", `/api/instances/${cluster}/${vm}`)).body?.status !== "running") return false;
      return true;
    });

    const users: string[] = [];
    for (let i = 1; i <= Math.ceil(options.sessions / perUser); i++) {
      const email = `console-bench-${i}@example.org`;
      const password = `console-bench-password-${i}`;
      const created = await api("POST", "/api/users", { email, name: `Console bench ${i}`, password });
      if (created.status !== 201) throw new Error(`creating ${email}: ${created.status} ${created.text}`);
      const granted = await api("POST", "/api/permissions", { grantee: `user:${created.body.id}`, cluster, perm: "admin" });
      if (granted.status >= 300) throw new Error(`granting ${email} the cluster: ${granted.status} ${granted.text}`);
      users.push((await signInOverHttp(base, email, password))!);
    }
    return {
      base,
      cluster,
      vms,
      targets,
      vncPassword: readVncClusterPassword(stateDir),
      users,
      perUser,
      serverPgid: server.child.pid!,
      masterdPid: Number(fs.readFileSync(path.join(stateDir, "masterd.pid"), "utf8").trim()),
      logTail: () => {
        const { stdout, stderr } = server?.output() ?? { stdout: "", stderr: "" };
        const masterd = fs.existsSync(path.join(stateDir, "masterd.log")) ? fs.readFileSync(path.join(stateDir, "masterd.log"), "utf8") : "";
        const tail = (text: string) => text.split("\n").slice(-15).join("\n");
        return `server stdout:\n${tail(stdout)}\nserver stderr:\n${tail(stderr)}\nmasterd.log:\n${tail(masterd)}`;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A one-time console token for `vm`, as the VM page asks for one: the WebSocket path to open. */
export async function consoleTokenPath(gantry: ConsoleGantry, vm: string, cookie: string): Promise<string> {
  const response = await fetch(`${gantry.base}/api/instances/${gantry.cluster}/${vm}/console`, { method: "POST", headers: { cookie } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`a console token for ${vm}: ${response.status} ${text}`);
  return (JSON.parse(text) as { path: string }).path;
}

/** The server stops the masterd it started; should it not have (killed, say), the masterd still holding this state
 * directory's lock is stopped by its pid. */
async function stopStrayMasterd(stateDir: string): Promise<void> {
  if (!fs.existsSync(stateDir) || !(await masterRunning(stateDir))) return;
  const pid = Number(fs.readFileSync(path.join(stateDir, "masterd.pid"), "utf8").trim());
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    /* gone meanwhile */
  }
  const deadline = Date.now() + 30_000;
  while ((await masterRunning(stateDir)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}
