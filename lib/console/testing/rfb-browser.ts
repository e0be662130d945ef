// Test support: a browser's side of the console, as noVNC does it over the WebSocket: the RFB 3.8 handshake with
// security None, ClientInit, ServerInit, then screen updates asked for and read, key events sent. It keeps every byte
// it received (to check that no password went that way) and how the socket closed.
import WebSocket from "ws";
import { ByteReader } from "../byte-reader";

export type Closed = { code: number; reason: string };

export type RfbBrowser = {
  ws: WebSocket;
  reader: ByteReader;
  received: () => Buffer;
  closed: Promise<Closed>;
  /** Resolves when the WebSocket is open (rejects on an HTTP refusal, e.g. 403). */
  opened: Promise<void>;
};

export function openConsoleSocket(url: string, headers: Record<string, string>, protocols: string[] = []): RfbBrowser {
  const ws = new WebSocket(url, protocols, { headers });
  const reader = new ByteReader();
  const chunks: Buffer[] = [];
  ws.on("message", (data: Buffer) => {
    chunks.push(data);
    reader.push(data);
  });
  const closed = new Promise<Closed>((resolve) => ws.once("close", (code, reason) => (reader.end(), resolve({ code, reason: reason.toString() }))));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
  return { ws, reader, received: () => Buffer.concat(chunks), closed, opened };
}

export type ServerInit = { width: number; height: number; bitsPerPixel: number; name: string };

/** The handshake as noVNC 1.7 does it; resolves with the security types offered and the ServerInit. */
export async function browserHandshake(browser: RfbBrowser): Promise<{ version: string; securityTypes: number[]; serverInit: ServerInit }> {
  const { ws, reader } = browser;
  const version = (await reader.read(12)).toString("latin1");
  ws.send(Buffer.from("RFB 003.008\n", "latin1"));
  const count = await reader.readUint8();
  const securityTypes = [...(await reader.read(count))];
  ws.send(Buffer.from([1]));
  const result = await reader.readUint32();
  if (result !== 0) throw new Error(`security result ${result}`);
  ws.send(Buffer.from([1])); // ClientInit: shared
  const head = await reader.read(24);
  const name = (await reader.read(head.readUInt32BE(20))).toString("utf8");
  return { version, securityTypes, serverInit: { width: head.readUInt16BE(0), height: head.readUInt16BE(2), bitsPerPixel: head.readUInt8(4), name } };
}

/** Asks for the whole screen in raw encoding and reads one framebuffer update: its rectangles' sizes. */
export async function readFullScreen(browser: RfbBrowser, width: number, height: number, bytesPerPixel = 4): Promise<Array<{ w: number; h: number }>> {
  const { ws, reader } = browser;
  ws.send(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0])); // SetEncodings: raw
  const request = Buffer.alloc(10);
  request.writeUInt8(3, 0);
  request.writeUInt16BE(width, 6);
  request.writeUInt16BE(height, 8);
  ws.send(request); // FramebufferUpdateRequest, not incremental
  for (;;) {
    const type = await reader.readUint8();
    if (type === 0) break;
    if (type === 2) continue; // bell
    throw new Error(`unexpected server message ${type}`);
  }
  const count = (await reader.read(3)).readUInt16BE(1);
  const rects = [];
  for (let i = 0; i < count; i++) {
    const header = await reader.read(12);
    const [w, h, encoding] = [header.readUInt16BE(4), header.readUInt16BE(6), header.readInt32BE(8)];
    if (encoding !== 0) throw new Error(`encoding ${encoding}`);
    await reader.read(w * h * bytesPerPixel);
    rects.push({ w, h });
  }
  return rects;
}

export function keyEvent(browser: RfbBrowser, keysym: number): void {
  const down = Buffer.from([4, 1, 0, 0, 0, 0, 0, 0]);
  down.writeUInt32BE(keysym, 4);
  const up = Buffer.from(down);
  up.writeUInt8(0, 1);
  browser.ws.send(down);
  browser.ws.send(up);
}
