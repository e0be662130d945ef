// The console bench's peer: Debian's websockify (0.10, Python; installed with apt-get when missing), one process
// serving many VNC servers the way it is deployed for noVNC: the TokenFile plugin maps ?token=NAME to host:port, and
// every WebSocket connection is served by a process of its own (websockify's default, forked per connection).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/ganeti/testing/free-port";

const WEBSOCKIFY = "/usr/bin/websockify";

export type Websockify = {
  port: number;
  /** Its process group: the listener and the process of each connection. */
  pgid: number;
  url(token: string): string;
  stop(): Promise<void>;
};

/** Installs Debian's websockify when it is missing (root only); throws saying how when it cannot. */
export function ensureWebsockify(): void {
  if (fs.existsSync(WEBSOCKIFY)) return;
  if (process.getuid?.() !== 0) throw new Error("websockify is not installed and this is not root: sudo apt-get install -y websockify");
  console.log("console: installing Debian's websockify with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "websockify"]]) {
    const run = spawnSync("apt-get", args, { env, stdio: "inherit" });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (status ${run.status})`);
  }
  if (!fs.existsSync(WEBSOCKIFY)) throw new Error(`apt-get installed websockify but there is no ${WEBSOCKIFY}`);
}

export function websockifyVersion(): string {
  const dpkg = spawnSync("dpkg-query", ["-W", "-f", "${Version}", "websockify"], { encoding: "utf8" });
  return dpkg.status === 0 ? dpkg.stdout.trim() : "unknown";
}

/** Starts websockify on a free port of 127.0.0.1 with `targets` (token → host:port); resolves once it listens. */
export async function startWebsockify(targets: Map<string, { host: string; port: number }>): Promise<Websockify> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-websockify-"));
  const tokens = path.join(dir, "tokens");
  fs.writeFileSync(tokens, [...targets].map(([token, t]) => `${token}: ${t.host}:${t.port}\n`).join(""));
  const port = await freePort();
  const log = fs.openSync(path.join(dir, "websockify.log"), "a");
  const child = spawn(WEBSOCKIFY, ["--token-plugin", "TokenFile", "--token-source", tokens, `127.0.0.1:${port}`], { detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone already */
    }
    const killed = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(killed);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const output = fs.readFileSync(path.join(dir, "websockify.log"), "utf8");
      await stop();
      throw new Error(`websockify did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, pgid: child.pid!, url: (token) => `ws://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
