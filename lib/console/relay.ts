// After both handshakes, bytes flow as they are: the VM's VNC server → binary WebSocket messages → the browser, and
// back. Backpressure both ways: the TCP socket is paused while the WebSocket has more than HIGH_WATER bytes queued
// (a slow browser), and the WebSocket is paused while the TCP socket's buffer is full (a slow VNC server).
import type net from "node:net";
import type { RawData, WebSocket } from "ws";
import { ClientInputScanner } from "./client-input-scanner";

const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

export type RelayEnd = { by: "vnc" | "browser"; detail: string };

export type Relay = { readonly bytesToBrowser: number; readonly bytesFromBrowser: number; stop(): void };

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

export function startRelay(
  ws: WebSocket,
  tcp: net.Socket,
  pending: { fromServer: Buffer; fromBrowser: Buffer },
  handlers: { onInput(): void; onEnd(end: RelayEnd): void },
): Relay {
  const scanner = new ClientInputScanner();
  let bytesToBrowser = 0;
  let bytesFromBrowser = 0;
  let stopped = false;

  const end = (by: RelayEnd["by"], detail: string) => {
    if (stopped) return;
    stop();
    handlers.onEnd({ by, detail });
  };
  const resumeServer = () => {
    if (!stopped && tcp.isPaused() && ws.bufferedAmount < LOW_WATER) tcp.resume();
  };
  const toBrowser = (chunk: Buffer) => {
    bytesToBrowser += chunk.length;
    ws.send(chunk, { binary: true }, resumeServer);
    if (ws.bufferedAmount > HIGH_WATER) tcp.pause();
  };
  const toServer = (chunk: Buffer) => {
    bytesFromBrowser += chunk.length;
    if (scanner.scan(chunk)) handlers.onInput();
    if (!tcp.write(chunk)) ws.pause();
  };
  const onMessage = (data: RawData, isBinary: boolean) => {
    if (!isBinary) return end("browser", "the browser sent a text message; the console speaks binary RFB");
    toServer(toBuffer(data));
  };
  const onDrain = () => ws.resume();
  const onServerEnd = () => end("vnc", "the VM's VNC server closed the connection");
  const onServerError = (error: Error) => end("vnc", `the connection to the VM's VNC server failed (${(error as NodeJS.ErrnoException).code ?? error.message})`);
  const onBrowserClose = (code: number) => end("browser", `closed in the browser (${code})`);

  const browserListeners = { message: onMessage, close: onBrowserClose };
  const serverListeners = { data: toBrowser, drain: onDrain, close: onServerEnd, error: onServerError };
  function stop() {
    stopped = true;
    for (const [event, listener] of Object.entries(browserListeners)) ws.off(event, listener);
    for (const [event, listener] of Object.entries(serverListeners)) tcp.off(event, listener);
  }

  for (const [event, listener] of Object.entries(browserListeners)) ws.on(event, listener);
  for (const [event, listener] of Object.entries(serverListeners)) tcp.on(event, listener);
  if (pending.fromServer.length) toBrowser(pending.fromServer);
  if (pending.fromBrowser.length) toServer(pending.fromBrowser);
  tcp.resume();

  return {
    get bytesToBrowser() {
      return bytesToBrowser;
    },
    get bytesFromBrowser() {
      return bytesFromBrowser;
    },
    stop,
  };
}
