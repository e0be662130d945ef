import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { RfbTestClient } from "../../../rfb/testing/rfb-test-client";
import { ensureVncClusterPassword, readVncClusterPassword, vncPasswordFile } from "../vnc-cluster-password";
import { FakeConsoleServers } from "./console-servers";

let stateDir: string;
let servers: FakeConsoleServers;
const viewers: RfbTestClient[] = [];
beforeEach(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-consoles-"));
  await ensureVncClusterPassword(stateDir);
  servers = new FakeConsoleServers({ bind: "127.0.0.1", stateDir, maxOpen: 2 });
});
afterEach(async () => {
  for (const v of viewers.splice(0)) v.close();
  await servers.closeAll("test over");
  fs.rmSync(stateDir, { recursive: true, force: true });
});

const instance = (name: string) => ({ name, os: "noop", memory: 128, vcpus: 1 });
const view = async (port: number) => {
  const viewer = await RfbTestClient.connect({ port, password: readVncClusterPassword(stateDir) });
  viewers.push(viewer);
  return viewer;
};

it("keeps at most maxOpen consoles: the one asked for least recently without a viewer closes first", async () => {
  const a = await servers.open("n1", instance("a"));
  const b = await servers.open("n1", instance("b"));
  await view(a.port);
  await servers.open("n1", instance("b")); // b asked again: a is older, but has a viewer
  const c = await servers.open("n2", instance("c"));
  expect(servers.openCount).toBe(2);
  expect(servers.console("n1", "b")).toBeUndefined();
  await expect(view(b.port)).rejects.toThrow(/ECONNREFUSED/);
  await view(c.port);
  await expect(servers.open("n2", instance("d"))).rejects.toThrow("2 consoles are open, the most at once, and each has a viewer or is opening; close one and ask again");
});

it("stays within the limit when many consoles are asked for at once, refusing those past it", async () => {
  const answers = await Promise.allSettled(["a", "b", "c", "d"].map((name) => servers.open("n1", instance(name))));
  expect(answers.map((a) => a.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
  expect(servers.openCount).toBe(2);
});

it("opens one console for concurrent asks of the same instance", async () => {
  const [x, y] = await Promise.all([servers.open("n1", instance("a")), servers.open("n1", instance("a"))]);
  expect(x).toEqual(y);
  expect(servers.openCount).toBe(1);
});

it("says so when the VNC password file is missing, and opens nothing once stopped", async () => {
  fs.rmSync(vncPasswordFile(stateDir));
  await expect(servers.open("n1", instance("a"))).rejects.toThrow(/Cannot read the VNC cluster password file .*vnc-cluster-password: ENOENT/);
  expect(servers.openCount).toBe(0);
  await ensureVncClusterPassword(stateDir);
  await servers.closeAll("stopping");
  await expect(servers.open("n1", instance("a"))).rejects.toThrow(/stopping/);
});

it("never replaces an existing password file", async () => {
  const before = readVncClusterPassword(stateDir);
  await ensureVncClusterPassword(stateDir);
  expect(readVncClusterPassword(stateDir)).toBe(before);
  expect(fs.readdirSync(stateDir)).toEqual(["vnc-cluster-password"]);
});
