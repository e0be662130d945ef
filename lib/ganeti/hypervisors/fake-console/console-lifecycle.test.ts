// The fake instances' VNC consoles in a real embedded cluster (in-process master, virtual nodes): opened on demand by
// the primary node, seen by a VNC client with the cluster password, kept and closed as the instance runs, reboots,
// migrates, and as its node and the master come and go.
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RfbClosedError, RfbHandshakeError, RfbTestClient } from "../../../rfb/testing/rfb-test-client";
import { TextColour, TextScreen } from "../../../rfb/text-screen";
import { runQuery } from "../../query/run-query";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { runOk } from "../../testing/op-assertions";
import { readVncClusterPassword, vncPasswordFile } from "../vnc-cluster-password";
import { transcriptFile } from "./transcript";

let h: Harness;
const viewers: RfbTestClient[] = [];
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(async () => {
  for (const v of viewers.splice(0)) v.close();
  await h.close();
});

const [N2, N3] = ["node2.example.org", "node3.example.org"];
type Vnc = { instance: string; kind: "vnc"; host: string; port: number; display: number };

async function consoleOf(name: string): Promise<Vnc> {
  return (await runOk(h, { OP_ID: "OP_INSTANCE_CONSOLE", instance_name: name })).result as Vnc;
}

async function view(endpoint: Vnc, password = readVncClusterPassword(h.stateDir)): Promise<RfbTestClient> {
  const viewer = await RfbTestClient.connect({ host: endpoint.host, port: endpoint.port, password });
  viewers.push(viewer);
  viewer.requestUpdate(false);
  await viewer.nextUpdate();
  return viewer;
}

/** Whether text row `row` of what the viewer was sent shows `text` in `colour` (drawn alike on a screen of our own). */
function showsText(viewer: RfbTestClient, row: number, text: string, colour: number): boolean {
  const expected = new TextScreen();
  expected.cursorVisible = false;
  expected.write(text, colour);
  const band = new Uint32Array(640 * 16);
  expected.readRgb({ x: 0, y: 0, width: 640, height: 16 }, band);
  const seen = viewer.pixels.subarray(row * 640 * 16, (row + 1) * 640 * 16);
  return band.every((pixel, i) => pixel === seen[i] || i % 640 >= text.length * 8);
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Follows the screen: asks for updates until none comes for a moment. */
async function settle(viewer: RfbTestClient): Promise<void> {
  do viewer.requestUpdate(true);
  while (!(await viewer.noUpdateWithin(150)));
}

const transcript = (name: string) => fs.readFileSync(transcriptFile(h.stateDir, name), "utf8");
const consoles = () => h.master.virtualNodes.consoles;

describe("fake instances' VNC consoles", () => {
  it("are opened only when asked for, one per running instance, and stay open", async () => {
    await h.createInstance("web1.example.org", "plain", N2);
    await h.createInstance("web2.example.org", "plain", N3);
    await h.createInstance("off.example.org", "plain", N3, { start: false });
    expect(consoles().openCount).toBe(0);

    const first = await consoleOf("web1");
    expect(first).toMatchObject({ instance: "web1.example.org", kind: "vnc", host: "127.0.0.1", display: first.port - 5900 });
    expect(await consoleOf("web1")).toEqual(first);
    expect(consoles().openCount).toBe(1);

    // The query field asks only for the rows it returns; a stopped instance has none.
    const env = { config: h.master.config, rpc: h.master.rpc, jobs: () => [], isArchived: () => false };
    const one = await runQuery(env, "instance", ["name", "console"], ["=", "name", "web1.example.org"]);
    expect(one.data).toEqual([[[0, "web1.example.org"], [0, first]]]);
    expect(consoles().openCount).toBe(1);
    const all = await runQuery(env, "instance", ["name", "console"]);
    expect(all.data.map((row) => [row[0]![1], row[1]![0], (row[1]![1] as Vnc | null)?.kind ?? null])).toEqual([
      ["off.example.org", 3, null],
      ["web1.example.org", 0, "vnc"],
      ["web2.example.org", 0, "vnc"],
    ]);
    expect(consoles().openCount).toBe(2);
  });

  it("need the cluster's VNC password, made by the master: 8 letters or digits in a file only its owner reads", async () => {
    const password = readVncClusterPassword(h.stateDir);
    expect(password).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(fs.statSync(vncPasswordFile(h.stateDir)).mode & 0o777).toBe(0o600);
    await h.createInstance("web1.example.org", "plain", N2);
    const endpoint = await consoleOf("web1");
    await expect(view(endpoint, "wrong")).rejects.toThrow(new RfbHandshakeError("Authentication failed"));
    await h.restart();
    expect(readVncClusterPassword(h.stateDir)).toBe(password);
  });

  it("show the boot text and what a viewer types, and record it", async () => {
    await h.createInstance("web1.example.org", "plain", N2);
    const viewer = await view(await consoleOf("web1"));
    expect(viewer.desktopName).toBe("web1.example.org (Gantry fake hypervisor, simulated)");
    expect(showsText(viewer, 0, "Gantry fake hypervisor: simulated instance web1.example.org", TextColour.yellow)).toBe(true);
    expect(showsText(viewer, 11, "web1.example.org login: ", TextColour.grey)).toBe(true);

    viewer.type("operator-42");
    viewer.key(0xff0d, true);
    await settle(viewer);
    expect(showsText(viewer, 12, "Password: ", TextColour.grey)).toBe(true);
    expect(transcript("web1.example.org")).toMatch(/ typed: web1\.example\.org login: operator-42\n/);
  });

  it("keep their screen and viewers over a soft reboot; close on a hard reboot, a shutdown and a migration", async () => {
    await h.createInstance("web1.example.org", "drbd", `${N2}:${N3}`);
    const endpoint = await consoleOf("web1");
    const viewer = await view(endpoint);

    await h.ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: "web1", reboot_type: "soft" });
    await settle(viewer);
    expect(showsText(viewer, 12, "Rebooting (simulated, soft reboot)...", TextColour.yellow)).toBe(true);
    await until(async () => (await settle(viewer), showsText(viewer, 0, "Gantry fake hypervisor: simulated instance web1.example.org", TextColour.yellow)), "the boot text");
    expect(await consoleOf("web1")).toEqual(endpoint);

    await h.ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: "web1", reboot_type: "hard" });
    await viewer.waitClosed();
    expect(transcript("web1.example.org")).toContain("console closed: the instance was rebooted (hard)");
    const afterHard = await consoleOf("web1");
    const second = await view(afterHard);

    await h.ok({ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: "web1" });
    await second.waitClosed();
    expect(consoles().console(N2, "web1.example.org")).toBeUndefined();
    const onTarget = await consoleOf("web1");
    expect(consoles().console(N3, "web1.example.org")).toBeDefined();
    const third = await view(onTarget);
    expect(showsText(third, 0, "Gantry fake hypervisor: simulated instance web1.example.org", TextColour.yellow)).toBe(true);

    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web1" });
    await third.waitClosed();
    await expect(view(onTarget)).rejects.toThrow(/ECONNREFUSED/);
    expect(consoles().openCount).toBe(0);
  });

  it("close when their node goes offline or powers off, and when the master stops", async () => {
    await h.createInstance("web1.example.org", "plain", N2);
    await h.createInstance("web2.example.org", "plain", N3);
    const [v1, v2] = [await view(await consoleOf("web1")), await view(await consoleOf("web2"))];

    await h.ok({ OP_ID: "OP_NODE_SET_PARAMS", node_name: N2, offline: true });
    await v1.waitClosed();
    await h.ok({ OP_ID: "OP_NODE_POWERCYCLE", node_name: N3 });
    await v2.waitClosed();
    expect(transcript("web2.example.org")).toContain("console closed: the node was power-cycled");

    await h.ok({ OP_ID: "OP_NODE_SET_PARAMS", node_name: N2, offline: false });
    const v3 = await view(await consoleOf("web1"));
    await h.restart();
    await v3.waitClosed();
    await expect(v3.nextUpdate(100)).rejects.toThrow(RfbClosedError);
  });
});
