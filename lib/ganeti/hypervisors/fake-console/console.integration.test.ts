// A fake instance's VNC console end to end, against a real masterd (started by the real gnt-* commands) with its RAPI:
// RAPI answers the console as Ganeti's VNC kind, a VNC client with the cluster password sees the boot text, what it
// types lands in the console's record, Debian's vncsnapshot (a real VNC client) takes a picture of it, gnt-instance
// console prints Ganeti's words, and stopping the instance closes the port.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RfbTestClient } from "../../../rfb/testing/rfb-test-client";
import { vncPasswdFileContent } from "../../../rfb/testing/vncpasswd";
import { rapiCall, type RapiEndpoint } from "../../rapi/testing/http";
import { cliSession, type CliSession } from "../../testing/cli-session";
import { freePort } from "../../testing/free-port";
import { readVncClusterPassword } from "../vnc-cluster-password";
import { transcriptFile } from "./transcript";

const run = promisify(execFile);
const VNCSNAPSHOT = "/usr/bin/vncsnapshot";
const DJPEG = "/usr/bin/djpeg";
const hasSnapshot = fs.existsSync(VNCSNAPSHOT) && fs.existsSync(DJPEG);

let s: CliSession;
let rapi: RapiEndpoint;
const reader = { user: "ops", password: "ops-reads" };

beforeAll(async () => {
  const port = await freePort();
  s = cliSession({ GANTRY_RAPI_PORT: String(port), GANTRY_RAPI_TLS: "0", GANTRY_VNC_BIND: "127.0.0.1" });
  rapi = { url: `http://127.0.0.1:${port}` };
  await s.ok("gnt-cluster", "init", "--master-node", "node1.example.org", "cluster1.example.org");
  await s.ok("gnt-node", "add", "--virtual", "--memory=8G", "--disk=100G", "--cpus=4", "node2.example.org");
  await s.ok("gnt-instance", "add", "-t", "plain", "-n", "node2", "-o", "noop", "-s", "1G", "-B", "memory=256M,vcpus=2", "web1.example.org");
  fs.mkdirSync(path.join(s.stateDir, "rapi"), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(s.stateDir, "rapi", "users"), `${reader.user} ${reader.password} read\n`, { mode: 0o600 });
});
afterAll(() => s.close());

type Vnc = { instance: string; kind: string; host: string; port: number; display: number };

async function consoleByRapi(): Promise<{ status: number; body: Vnc & { message?: string }; text: string }> {
  return rapiCall(rapi, { path: "/2/instances/web1.example.org/console", auth: reader });
}

/**
 * Which 8x16 character cells have a lit pixel ("#") and which are blank ("."): the screen's text layout, comparable
 * between a lossless client and a JPEG (whose blank cells stay dark, well below a glyph's pixels).
 */
function inkedCells(width: number, height: number, brightness: (x: number, y: number) => number): string {
  const rows: string[] = [];
  for (let row = 0; row < height / 16; row++) {
    let line = "";
    for (let col = 0; col < width / 8; col++) {
      let brightest = 0;
      for (let y = 0; y < 16; y++) for (let x = 0; x < 8; x++) brightest = Math.max(brightest, brightness(col * 8 + x, row * 16 + y));
      line += brightest > 80 ? "#" : ".";
    }
    rows.push(line.replace(/\.+$/, ""));
  }
  return rows.join("\n");
}

/** The layout of a line of text: a cell for each character, blank for spaces. */
const cellsOf = (text: string) => Array.from(text, (ch) => (ch === " " ? "." : "#")).join("");

it("serves the instance's console over VNC with the cluster password, as RAPI and gnt-instance console say", async () => {
  const answer = await consoleByRapi();
  expect(answer.status).toBe(200);
  const { port } = answer.body;
  expect(answer.body).toEqual({ instance: "web1.example.org", kind: "vnc", host: "127.0.0.1", port, display: port - 5900 });
  const password = readVncClusterPassword(s.stateDir);
  expect(answer.text).not.toContain(password);

  const cli = await s.gnt("gnt-instance", "console", "web1");
  expect(cli).toMatchObject({ code: 0, stdout: `Instance web1.example.org has VNC listening on 127.0.0.1:${port} (display ${port - 5900}), URL <vnc://127.0.0.1:${port}/>\n` });

  const viewer = await RfbTestClient.connect({ port, password });
  try {
    expect(viewer.desktopName).toBe("web1.example.org (Gantry fake hypervisor, simulated)");
    viewer.requestUpdate(false);
    await viewer.nextUpdate();
    const lit = (x: number, y: number) => (viewer.pixel(x, y) === 0 ? 0 : 255);
    const layout = inkedCells(640, 400, lit).split("\n");
    // The boot text's first line, then the login prompt on row 11.
    expect(layout[0]).toBe(cellsOf("Gantry fake hypervisor: simulated instance web1.example.org"));
    expect(layout[11]).toBe(`${cellsOf("web1.example.org login: ")}#`); // and the cursor

    viewer.type("typed-through-vnc 42");
    viewer.key(0xff0d, true);
    viewer.key(0xff0d, false);
    const log = transcriptFile(s.stateDir, "web1.example.org");
    for (let i = 0; i < 100 && !(fs.existsSync(log) && fs.readFileSync(log, "utf8").includes("typed-through-vnc 42")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readFileSync(log, "utf8")).toMatch(/Z typed: web1\.example\.org login: typed-through-vnc 42\n/);
    viewer.requestUpdate(true);
    await viewer.nextUpdate();
  } finally {
    viewer.close();
  }
  // The secret stays a secret: masterd logs nothing of it.
  const masterdLog = path.join(s.stateDir, "masterd.log");
  if (fs.existsSync(masterdLog)) expect(fs.readFileSync(masterdLog, "utf8")).not.toContain(password);
});

it.skipIf(!hasSnapshot)("is readable by Debian's vncsnapshot with a vncpasswd file", async () => {
  const { port } = (await consoleByRapi()).body;
  const dir = fs.mkdtempSync(path.join(s.stateDir, "snapshot-"));
  const passwd = path.join(dir, "passwd");
  fs.writeFileSync(passwd, vncPasswdFileContent(readVncClusterPassword(s.stateDir)), { mode: 0o600 });
  const jpeg = path.join(dir, "console.jpg");
  const snap = await run(VNCSNAPSHOT, ["-passwd", passwd, "-encodings", "raw", `127.0.0.1:${port - 5900}`, jpeg], { timeout: 30_000 });
  expect(snap.stderr).toContain("VNC authentication succeeded");
  expect(snap.stderr).toContain("Image saved from (local host) 640x400 screen");

  // The picture shows the same text layout as a lossless client sees.
  const ppm = spawnSync(DJPEG, ["-pnm", jpeg]).stdout;
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString("latin1", 0, 40))!;
  expect([Number(header[1]), Number(header[2])]).toEqual([640, 400]);
  const at = (x: number, y: number) => {
    const i = header[0].length + (y * 640 + x) * 3;
    return (ppm[i]! + ppm[i + 1]! + ppm[i + 2]!) / 3;
  };
  const viewer = await RfbTestClient.connect({ port, password: readVncClusterPassword(s.stateDir) });
  try {
    viewer.requestUpdate(false);
    await viewer.nextUpdate();
    const pixel = (x: number, y: number) => {
      const p = viewer.pixel(x, y);
      return (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255)) / 3;
    };
    const seen = inkedCells(640, 400, pixel);
    expect(seen).toContain("#");
    expect(inkedCells(640, 400, at)).toBe(seen);
  } finally {
    viewer.close();
  }
});

it("closes the console when the instance stops, and RAPI answers Ganeti's 503", async () => {
  const { port } = (await consoleByRapi()).body;
  const viewer = await RfbTestClient.connect({ port, password: readVncClusterPassword(s.stateDir) });
  await s.ok("gnt-instance", "shutdown", "web1");
  await viewer.waitClosed();
  await expect(RfbTestClient.connect({ port, password: "x" })).rejects.toThrow(/ECONNREFUSED/);
  const after = await consoleByRapi();
  expect(after.status).toBe(503);
  expect(after.body.message).toBe("Instance console unavailable");
  const cli = await s.gnt("gnt-instance", "console", "web1");
  expect(cli.code).not.toBe(0);
  expect(cli.stderr).toContain("Instance web1.example.org is not running (state ADMIN_down)");
});
