// Test support: a real VNC server, Debian's TigerVNC Xvnc, with VNC authentication and a password file made by
// vncpasswd -f, on a free port of 127.0.0.1. The packages are installed when missing (apt-get update first); the
// tests are skipped, with the reason printed, only where apt cannot install them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { makeTempDir } from "@/lib/db/testing";
import { freePort } from "@/lib/ganeti/testing/free-port";

const XVNC = "/usr/bin/Xvnc";
const VNCPASSWD = "/usr/bin/vncpasswd";
const PACKAGES = ["tigervnc-standalone-server", "tigervnc-tools"];

/** Null when Xvnc is there (installed now if need be); otherwise why the tests cannot run here. */
export function ensureXvnc(): string | null {
  if (fs.existsSync(XVNC) && fs.existsSync(VNCPASSWD)) return null;
  if (process.getuid?.() !== 0) return `Xvnc is not installed and this is not root: sudo apt-get install -y ${PACKAGES.join(" ")}`;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { env, stdio: "ignore" });
  if (update.error || update.status !== 0) return `apt-get update failed (${update.error?.message ?? `status ${update.status}`})`;
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...PACKAGES], { env, stdio: "ignore" });
  if (install.status !== 0 || !fs.existsSync(XVNC)) return `apt-get install ${PACKAGES.join(" ")} failed (status ${install.status})`;
  return null;
}

export type Xvnc = { port: number; width: number; height: number; stop(): Promise<void> };

/** Starts Xvnc asking for VNC authentication with `password` (or none with SecurityTypes None when password is null). */
export async function startXvnc(password: string | null, size = { width: 640, height: 480 }): Promise<Xvnc> {
  const dir = makeTempDir("gantry-xvnc-");
  const port = await freePort();
  const security = ["-SecurityTypes", "None"];
  if (password !== null) {
    const file = path.join(dir, "passwd");
    fs.writeFileSync(file, execFileSync(VNCPASSWD, ["-f"], { input: `${password}\n` }), { mode: 0o600 });
    security.splice(0, 2, "-rfbauth", file, "-SecurityTypes", "VncAuth");
  }
  const display = freeDisplay();
  const child: ChildProcess = spawn(XVNC, [`:${display}`, "-rfbport", String(port), ...security, "-geometry", `${size.width}x${size.height}`, "-depth", "24", "-localhost", "-nolisten", "tcp", "-BlacklistThreshold", "1000"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, child);
  return {
    port,
    ...size,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An X display number no X server here holds (its lock file is absent). */
function freeDisplay(): number {
  for (;;) {
    const display = 100 + Math.floor(Math.random() * 800);
    if (!fs.existsSync(`/tmp/.X${display}-lock`) && !fs.existsSync(`/tmp/.X11-unix/X${display}`)) return display;
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Xvnc exited with status ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Xvnc does not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
