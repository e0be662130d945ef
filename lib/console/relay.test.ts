// The relay over real sockets (a TCP "VNC server" on localhost, a WebSocket client): bytes arrive intact and in order
// both ways, the browser's input is noticed, what the VNC server sent just before it closed still arrives, and a
// browser that stops reading makes the proxy stop reading the VNC server — the data waits at its source instead of
// piling up in the proxy's memory. Run with the console's pooled reads (recycled buffers: a buffer reused too early
// would corrupt the stream, so the data is random and never repeats) and with a plain socket.
import crypto from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { connectPooled } from "./pooled-reads";
import { startRelay, type Relay } from "./relay";

const MiB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A VNC server stand-in that sends `total` bytes as fast as its socket takes them (then closes, with `close`), and
 * keeps what it receives. */
async function source(total: number, pattern: Buffer, options: { close?: boolean } = {}) {
  const state = { written: 0, received: [] as Buffer[], peer: null as net.Socket | null };
  const server = net.createServer((socket) => {
    state.peer = socket;
    socket.on("data", (chunk) => state.received.push(chunk));
    const pump = () => {
      while (state.written < total) {
        const chunk = pattern.subarray(0, Math.min(pattern.length, total - state.written));
        state.written += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
      if (options.close) socket.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => (state.peer?.destroy(), server.close()));
  return { port: (server.address() as AddressInfo).port, state };
}

/** The proxy's side: a WebSocket endpoint that relays to the source; resolves with the browser's WebSocket. */
async function relayTo(connect: Connect, port: number, onInput = () => {}) {
  const http_ = http.createServer();
  const wss = new WebSocketServer({ server: http_ });
  const relays: Relay[] = [];
  wss.on("connection", (ws) => {
    const tcp = connect(port);
    relays.push(startRelay(ws, tcp, { fromServer: Buffer.alloc(0), fromBrowser: Buffer.alloc(0) }, { onInput, onEnd: () => ws.close() }));
  });
  await new Promise<void>((resolve) => http_.listen(0, "127.0.0.1", resolve));
  const browser = new WebSocket(`ws://127.0.0.1:${(http_.address() as AddressInfo).port}`);
  cleanups.push(() => (browser.terminate(), wss.close(), http_.close()));
  await new Promise((resolve) => browser.once("open", resolve));
  return { browser, relays };
}

type Connect = (port: number) => net.Socket;
const CONNECTS: [string, Connect][] = [
  ["pooled reads", (port) => connectPooled("127.0.0.1", port)],
  ["a plain socket", (port) => net.connect(port, "127.0.0.1")],
];

describe.each(CONNECTS)("the relay, over %s", (_name, connect) => {
  it("carries the VNC server's bytes to the browser intact and the browser's back, noticing input", async () => {
    const pattern = crypto.randomBytes(8 * MiB);
    const { port, state } = await source(8 * MiB, pattern);
    let inputs = 0;
    const { browser, relays } = await relayTo(connect, port, () => inputs++);
    const received: Buffer[] = [];
    let length = 0;
    await new Promise<void>((resolve) => browser.on("message", (data: Buffer) => {
      received.push(data);
      length += data.length;
      if (length >= 8 * MiB) resolve();
    }));
    const all = Buffer.concat(received);
    expect(all.length).toBe(8 * MiB);
    for (let at = 0; at < all.length; at += pattern.length) expect(all.subarray(at, at + pattern.length).equals(pattern)).toBe(true);

    browser.send(Buffer.from([3, 1, 0, 0, 0, 0, 1, 0, 1, 0])); // an update request: not input
    browser.send(Buffer.from([4, 1, 0, 0, 0, 0, 0, 97])); // a key: input
    await expect.poll(() => Buffer.concat(state.received).length).toBe(18);
    expect(inputs).toBe(1);
    expect(relays[0]).toMatchObject({ bytesToBrowser: 8 * MiB, bytesFromBrowser: 18 });
  });

  it("delivers what the VNC server sent just before it closed, then closes the browser's side", async () => {
    const pattern = crypto.randomBytes(100 * 1024);
    const { port } = await source(3 * pattern.length + 123, pattern, { close: true });
    const { browser } = await relayTo(connect, port);
    const received: Buffer[] = [];
    browser.on("message", (data: Buffer) => received.push(data));
    await new Promise((resolve) => browser.once("close", resolve));
    const all = Buffer.concat(received);
    expect(all.length).toBe(3 * pattern.length + 123);
    expect(all.subarray(2 * pattern.length, 3 * pattern.length).equals(pattern)).toBe(true);
  });

  it("stops reading the VNC server while the browser does not read, and catches up when it does", async () => {
    const total = 96 * MiB;
    const { port, state } = await source(total, crypto.randomBytes(64 * 1024));
    const { browser } = await relayTo(connect, port);
    browser.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Kernel socket buffers on both hops and the proxy's high-water mark hold some; the rest waits at the source.
    expect(state.written).toBeLessThan(total / 2);
    let length = 0;
    const done = new Promise<void>((resolve) => browser.on("message", (data: Buffer) => ((length += data.length) >= total ? resolve() : undefined)));
    browser.resume();
    await done;
    expect(length).toBe(total);
  });
});
