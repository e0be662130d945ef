import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SERVER_PIXEL_FORMAT, VGA_PALETTE, type PixelFormat } from "./pixel-format";
import { RfbServer, type RfbServerOptions } from "./rfb-server";
import { RfbClosedError, RfbHandshakeError, RfbTestClient } from "./testing/rfb-test-client";
import { TextColour, TextScreen } from "./text-screen";

const PASSWORD = "s3cr3t!x";
const servers: RfbServer[] = [];
const clients: RfbTestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: Partial<RfbServerOptions> = {}) {
  const screen = new TextScreen();
  const server = new RfbServer({ framebuffer: screen, desktopName: "web1 (test)", password: PASSWORD, ...options });
  servers.push(server);
  const { port } = await server.listen(0, "127.0.0.1");
  return { screen, server, port };
}

async function connect(port: number, options: { password?: string; version?: string; securityType?: number } = { password: PASSWORD }) {
  const client = await RfbTestClient.connect({ port, ...options });
  clients.push(client);
  return client;
}

/** Pixels that differ (vitest's deep equality is slow on 256,000-element arrays). */
function differences(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

/** The screen's own pixels, as a client should have them after a full update. */
function screenPixels(screen: TextScreen): Uint32Array {
  const out = new Uint32Array(screen.width * screen.height);
  screen.readRgb({ x: 0, y: 0, width: screen.width, height: screen.height }, out);
  return out;
}

describe("RFB server: handshake and security", () => {
  it("lets a client with the password in and tells it the screen size, pixel format and desktop name", async () => {
    const { screen, port } = await start();
    screen.write("hello", TextColour.white);
    const client = await connect(port);
    expect([client.width, client.height, client.desktopName]).toEqual([640, 400, "web1 (test)"]);
    expect(client.serverFormat).toEqual(SERVER_PIXEL_FORMAT);
    client.requestUpdate(false);
    expect(await client.nextUpdate()).toEqual([{ x: 0, y: 0, width: 640, height: 400, encoding: 0 }]);
    expect(differences(client.pixels, screenPixels(screen))).toBe(0);
  });

  it("refuses a wrong password with a reason, and only offers security type None without a password", async () => {
    const { port } = await start();
    await expect(connect(port, { password: "wrong" })).rejects.toThrow(new RfbHandshakeError("Authentication failed"));
    // A client that asks for None where the server wants a password.
    await expect(connect(port, { securityType: 1 })).rejects.toThrow(new RfbHandshakeError("security type 1 is not offered"));
    const open = await start({ password: null });
    const client = await connect(open.port, {});
    expect(client.width).toBe(640);
    expect(() => new RfbServer({ framebuffer: new TextScreen(), desktopName: "x", password: "" })).toThrow(/cannot be empty/);
  });

  it("speaks RFB 3.3 (vncsnapshot's version) and 3.7 as well", async () => {
    const { screen, port } = await start();
    screen.write("old client");
    for (const version of ["RFB 003.003\n", "RFB 003.007\n", "RFB 003.005\n"]) {
      const client = await connect(port, { password: PASSWORD, version });
      client.requestUpdate(false);
      await client.nextUpdate();
      expect(differences(client.pixels, screenPixels(screen))).toBe(0);
    }
    await expect(connect(port, { password: "nope", version: "RFB 003.003\n" })).rejects.toThrow(/security failed|closed/);
  });

  it("closes a client that does not finish the handshake in time", async () => {
    const { port } = await start({ handshakeTimeoutMs: 100 });
    const socket = net.connect(port, "127.0.0.1");
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.on("error", () => undefined);
    socket.resume();
    await closed;
  });

  it("refuses clients past its limit with a reason", async () => {
    const { port } = await start({ maxClients: 1 });
    await connect(port);
    await expect(connect(port)).rejects.toThrow(new RfbHandshakeError("Too many clients (at most 1)"));
  });
});

describe("RFB server: pixels in the client's format", () => {
  const formats: Array<[string, PixelFormat]> = [
    ["noVNC's 32 bpp depth 24 little-endian", { ...SERVER_PIXEL_FORMAT, redShift: 0, blueShift: 16 }],
    ["32 bpp big-endian", { ...SERVER_PIXEL_FORMAT, bigEndian: true, redShift: 24, greenShift: 16, blueShift: 8 }],
    ["16 bpp 5-6-5 big-endian", { bitsPerPixel: 16, depth: 16, bigEndian: true, trueColour: true, redMax: 31, greenMax: 63, blueMax: 31, redShift: 11, greenShift: 5, blueShift: 0 }],
    ["16 bpp 5-5-5 little-endian", { bitsPerPixel: 16, depth: 15, bigEndian: false, trueColour: true, redMax: 31, greenMax: 31, blueMax: 31, redShift: 10, greenShift: 5, blueShift: 0 }],
    ["8 bpp BGR233", { bitsPerPixel: 8, depth: 8, bigEndian: false, trueColour: true, redMax: 7, greenMax: 7, blueMax: 3, redShift: 0, greenShift: 3, blueShift: 6 }],
  ];

  for (const [name, format] of formats) {
    it(`sends ${name}`, async () => {
      const { screen, port } = await start();
      screen.write("Yellow text", TextColour.yellow);
      screen.write(" and cyan", TextColour.brightCyan);
      const client = await connect(port);
      client.setPixelFormat(format);
      client.requestUpdate(false);
      await client.nextUpdate();
      // Each colour comes back as the nearest the format can carry.
      const quantise = (rgb: number) => {
        const q = (v: number, max: number) => Math.round((Math.round((v * max) / 255) * 255) / max);
        return (q((rgb >> 16) & 255, format.redMax) << 16) | (q((rgb >> 8) & 255, format.greenMax) << 8) | q(rgb & 255, format.blueMax);
      };
      expect(differences(client.pixels, screenPixels(screen).map(quantise))).toBe(0);
      expect(new Set(client.pixels)).toEqual(new Set([0, quantise(VGA_PALETTE[TextColour.yellow]!), quantise(VGA_PALETTE[TextColour.brightCyan]!), quantise(VGA_PALETTE[TextColour.grey]!)]));
    });
  }

  it("gives a client without true colour the VGA colour map", async () => {
    const { screen, port } = await start();
    screen.write("map", TextColour.brightGreen);
    const client = await connect(port);
    client.setPixelFormat({ bitsPerPixel: 8, depth: 8, bigEndian: false, trueColour: false, redMax: 0, greenMax: 0, blueMax: 0, redShift: 0, greenShift: 0, blueShift: 0 });
    client.requestUpdate(false);
    await client.nextUpdate();
    expect(differences(client.pixels, screenPixels(screen))).toBe(0);
  });
});

describe("RFB server: updates", () => {
  it("answers an incremental request only when something changed, with just the changed rows", async () => {
    const { screen, port } = await start();
    screen.write("login: ");
    const client = await connect(port);
    client.requestUpdate(false);
    await client.nextUpdate();
    client.requestUpdate(true);
    expect(await client.noUpdateWithin(150)).toBe(true);
    screen.write("\n\nroot");
    const rects = await client.nextUpdate();
    expect(rects).toEqual([{ x: 0, y: 0, width: 640, height: 48, encoding: 0 }]);
    expect(differences(client.pixels, screenPixels(screen))).toBe(0);
  });

  it("shows every client the same screen", async () => {
    const { screen, port } = await start();
    const [a, b] = [await connect(port), await connect(port)];
    for (const c of [a, b]) {
      c.requestUpdate(false);
      await c.nextUpdate();
      c.requestUpdate(true);
    }
    screen.write("shared");
    await Promise.all([a.nextUpdate(), b.nextUpdate()]);
    expect(differences(a.pixels, screenPixels(screen))).toBe(0);
    expect(differences(b.pixels, screenPixels(screen))).toBe(0);
  });

  it("coalesces the updates of a client that asks but does not read, keeping little output queued", async () => {
    const screen = new TextScreen();
    const server = new RfbServer({ framebuffer: screen, desktopName: "slow", password: PASSWORD });
    servers.push(server);
    let serverSocket: net.Socket | null = null;
    const listener = net.createServer((socket) => {
      serverSocket = socket;
      server.accept(socket);
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const client = await connect((listener.address() as net.AddressInfo).port);
    client.socket.pause();
    for (let i = 0; i < 300; i++) {
      client.requestUpdate(false);
      screen.write(`change ${i}\n`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 300 full screens would be 300 MB; what waits for the client is at most about one update and the high water.
    expect(serverSocket!.writableLength).toBeLessThan(2 * 1024 * 1024);
    client.socket.resume();
    client.requestUpdate(true);
    await client.nextUpdate();
    while (!(await client.noUpdateWithin(200))) client.requestUpdate(true);
    expect(differences(client.pixels, screenPixels(screen))).toBe(0);
    listener.close();
  });
});

describe("RFB server: input from clients", () => {
  it("hands key events and clipboard text to its owner and ignores the pointer", async () => {
    const keys: Array<[number, boolean]> = [];
    const cut: string[] = [];
    const { port } = await start({ onKey: (k, d) => keys.push([k, d]), onCutText: (t) => cut.push(t) });
    const client = await connect(port);
    client.pointer(10, 10, 1);
    client.type("hi");
    client.key(0xff0d, true);
    client.cutText("pasted text");
    client.requestUpdate(false);
    await client.nextUpdate();
    expect(keys).toEqual([[0x68, true], [0x68, false], [0x69, true], [0x69, false], [0xff0d, true]]);
    expect(cut).toEqual(["pasted text"]);
  });

  it("closes a client that sends too much clipboard text, an unknown message or an unusable pixel format, and only that one", async () => {
    const reasons: Array<string | null> = [];
    const { screen, server, port } = await start({ maxCutTextBytes: 1000, onClientClosed: (r) => reasons.push(r) });
    const healthy = await connect(port);
    const bad = [await connect(port), await connect(port), await connect(port)];
    bad[0]!.cutText("x".repeat(1001));
    bad[1]!.socket.write(Buffer.from([99, 0, 0, 0]));
    bad[2]!.setPixelFormat({ ...SERVER_PIXEL_FORMAT, bitsPerPixel: 24 as 32 });
    for (const c of bad) await c.waitClosed();
    expect(reasons.sort()).toEqual([
      "clipboard text of 1001 bytes (at most 1000)",
      "unknown message type 99",
      "unusable pixel format: bits per pixel must be 8, 16 or 32, not 24",
    ]);
    expect(server.clientCount).toBe(1);
    screen.write("still here");
    healthy.requestUpdate(false);
    await healthy.nextUpdate();
    expect(differences(healthy.pixels, screenPixels(screen))).toBe(0);
  });

  it("survives garbage instead of a handshake and a client cut off mid-message", async () => {
    const { server, port } = await start();
    const garbage = net.connect(port, "127.0.0.1");
    garbage.on("error", () => undefined);
    garbage.resume();
    garbage.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => garbage.on("close", resolve));
    const client = await connect(port);
    client.socket.write(Buffer.from([6, 0, 0, 0, 0, 0, 0, 50, 1, 2]));
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.clientCount).toBe(0);
    await expect(connect(port, { password: PASSWORD })).resolves.toBeInstanceOf(RfbTestClient);
  });

  it("closes its clients when it closes", async () => {
    const { server, port } = await start();
    const client = await connect(port);
    await server.close();
    await client.waitClosed();
    await expect(client.nextUpdate(100)).rejects.toThrow(RfbClosedError);
    await expect(connect(port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
