// A VNC viewer for the console bench, the same over the three paths it compares: a byte transport (TCP straight to
// the VNC server, or a WebSocket to Gantry's console proxy or to websockify), the RFB 3.8 handshake of the proxy's
// own client side (lib/console/rfb-client-handshake.ts: security None when offered — the proxy's —, else VNC
// authentication with the cluster's password), ClientInit and ServerInit, then the server's messages followed as they
// stream in without copying pixels: a full 640x400 update is 1 MB, and 200 viewers read hundreds of MB/s on the same
// two cores as the servers measured. lib/console/testing/rfb-browser.ts keeps every byte it receives (for the tests'
// password checks), which a throughput run cannot afford, so its WebSocket is not reused here; its ByteReader is.
import net from "node:net";
import WebSocket from "ws";
import { ByteReader } from "../../lib/console/byte-reader";
import { authenticateToVncServer } from "../../lib/console/rfb-client-handshake";
import { ClientMessage, MessageSize, ServerMessage } from "../../lib/rfb/protocol";

export type Transport = {
  send(bytes: Buffer): void;
  /** Every chunk received, in order, from now on; `end` once the connection is gone. */
  listen(data: (chunk: Buffer) => void, end: (why: Error) => void): void;
  close(): Promise<void>;
};

export async function tcpTransport(host: string, port: number): Promise<Transport> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.setNoDelay(true); // as VNC viewers do
  socket.on("error", () => undefined); // "close" follows
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    send: (bytes) => void socket.write(bytes),
    listen(data, end) {
      socket.on("data", data); // the socket keeps what arrived until now (it flows from here)
      void closed.then(() => end(new Error(`the VNC server at ${host}:${port} closed the connection`)));
    },
    close: () => (socket.end(), closed),
  };
}

/** A binary WebSocket; a refusal at the HTTP upgrade rejects with its status. */
export async function wsTransport(url: string, headers: Record<string, string> = {}): Promise<Transport> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  // Listened to from the start: a message that came with the upgrade's answer is emitted right after "open", before
  // the caller could attach a listener, and would be lost (the proxy's RFB version, when its VNC side was quick).
  let early: Buffer[] | null = [];
  let deliver: (chunk: Buffer) => void = (chunk) => early?.push(chunk);
  ws.on("message", (message: Buffer) => deliver(message));
  ws.on("error", () => undefined); // "close" follows
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`${url.replace(/token=[^&]+/, "token=…")}: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
  return {
    send: (bytes) => ws.send(bytes),
    listen(data, end) {
      for (const chunk of early ?? []) data(chunk);
      early = null;
      deliver = data;
      void closed.then(({ code, reason }) => end(new Error(`the WebSocket closed (${code}${reason ? `: ${reason}` : ""})`)));
    },
    close: async () => {
      ws.close(1000);
      await closed;
    },
  };
}

export class BenchViewer {
  width = 0;
  height = 0;
  /** Bytes received since the handshake, and in how many pieces (TCP reads, or WebSocket messages: one per read
   * of the relay's on the other side). */
  bytes = 0;
  chunks = 0;
  /** FramebufferUpdates received in full. */
  updates = 0;
  /** Called after each FramebufferUpdate received in full. */
  onUpdate: (() => void) | null = null;
  private failure: Error | null = null;
  private waiters: Array<{ after: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private messages: ServerMessages | null = null;
  private readonly reader = new ByteReader();

  private constructor(private readonly transport: Transport) {
    transport.listen(
      (chunk) => (this.messages ? this.receive(chunk) : this.reader.push(chunk)),
      (why) => this.fail(why),
    );
  }

  /** The handshake over `transport`; `password` answers VNC authentication ("" where the server offers None). */
  static async open(transport: Transport, password: string): Promise<BenchViewer> {
    const viewer = new BenchViewer(transport);
    const io = { reader: viewer.reader, write: (bytes: Buffer) => transport.send(bytes) };
    try {
      await authenticateToVncServer(io, password);
      transport.send(Buffer.from([1])); // ClientInit: shared
      const init = await viewer.reader.read(4 + MessageSize.pixelFormat + 4);
      await viewer.reader.read(init.readUInt32BE(20)); // the desktop name
      if (init[4] !== 32) throw new Error(`the server sends ${init[4]} bits per pixel; the bench reads 32`);
      viewer.width = init.readUInt16BE(0);
      viewer.height = init.readUInt16BE(2);
    } catch (error) {
      await transport.close().catch(() => undefined);
      throw error;
    }
    viewer.messages = new ServerMessages(4, () => viewer.updated());
    const early = viewer.reader.take();
    if (early.length) viewer.receive(early);
    return viewer;
  }

  /** A FramebufferUpdateRequest for the whole screen. */
  requestUpdate(incremental: boolean): void {
    const message = Buffer.alloc(MessageSize.framebufferUpdateRequest);
    message[0] = ClientMessage.framebufferUpdateRequest;
    message[1] = incremental ? 1 : 0;
    message.writeUInt16BE(this.width, 6);
    message.writeUInt16BE(this.height, 8);
    this.transport.send(message);
  }

  /** A key pressed and released, in one write (as one message on a WebSocket). */
  pressKey(keysym: number): void {
    const message = Buffer.alloc(2 * MessageSize.keyEvent);
    for (const [i, down] of [1, 0].entries()) {
      message[i * MessageSize.keyEvent] = ClientMessage.keyEvent;
      message[i * MessageSize.keyEvent + 1] = down;
      message.writeUInt32BE(keysym, i * MessageSize.keyEvent + 4);
    }
    this.transport.send(message);
  }

  /** Resolves when the next FramebufferUpdate (after those received so far) has arrived in full. */
  nextUpdate(timeoutMs = 30_000): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no screen update within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.push({ after: this.updates, resolve: () => (clearTimeout(timer), resolve()), reject: (error) => (clearTimeout(timer), reject(error)) });
    });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private receive(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.chunks++;
    try {
      this.messages!.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      void this.transport.close();
    }
  }

  private updated(): void {
    this.updates++;
    const due = this.waiters.filter((w) => w.after < this.updates);
    this.waiters = this.waiters.filter((w) => w.after >= this.updates);
    for (const waiter of due) waiter.resolve();
    this.onUpdate?.();
  }

  private fail(why: Error): void {
    this.failure ??= why;
    this.reader.end(why);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(why);
  }
}

/**
 * Follows RFB server messages (FramebufferUpdate in raw encoding, Bell, ServerCutText) through chunks of any size:
 * headers are gathered, pixel data and clipboard text only counted.
 */
class ServerMessages {
  private wanted = 1;
  private got = 0;
  private parts: Buffer[] = [];
  private skipping = false;
  private then: (header: Buffer) => void = (header) => this.onType(header[0]!);
  private rectsLeft = 0;

  constructor(
    private readonly bytesPerPixel: number,
    private readonly onUpdate: () => void,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(this.wanted - this.got, chunk.length - at);
      if (!this.skipping) this.parts.push(chunk.subarray(at, at + n));
      this.got += n;
      at += n;
      if (this.got < this.wanted) return;
      const header = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
      this.parts = [];
      this.got = 0;
      this.then(header);
    }
  }

  private expect(bytes: number, then: (header: Buffer) => void, skip = false): void {
    this.wanted = bytes;
    this.skipping = skip;
    this.then = then;
  }

  private onType(type: number): void {
    if (type === ServerMessage.framebufferUpdate) return this.expect(MessageSize.framebufferUpdateHeader - 1, (h) => ((this.rectsLeft = h.readUInt16BE(1)), this.nextRect()));
    if (type === ServerMessage.bell) return this.nextMessage();
    if (type === ServerMessage.serverCutText) return this.expect(7, (h) => this.skip(h.readUInt32BE(3), () => this.nextMessage()));
    throw new Error(`unexpected server message type ${type}`);
  }

  private nextRect(): void {
    if (this.rectsLeft-- === 0) {
      this.onUpdate();
      return this.nextMessage();
    }
    this.expect(MessageSize.rectangleHeader, (h) => {
      if (h.readInt32BE(8) !== 0) throw new Error(`encoding ${h.readInt32BE(8)}; the bench asks for raw only`);
      this.skip(h.readUInt16BE(4) * h.readUInt16BE(6) * this.bytesPerPixel, () => this.nextRect());
    });
  }

  private skip(bytes: number, then: () => void): void {
    if (bytes === 0) return then();
    this.expect(bytes, then, true);
  }

  private nextMessage(): void {
    this.expect(1, (header) => this.onType(header[0]!));
  }
}
