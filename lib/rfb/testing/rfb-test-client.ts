// Test support: a small RFB client over node:net that does what a VNC viewer does (handshake with VNC authentication,
// pixel format, update requests, keys, clipboard) and keeps the screen it was sent as 0xRRGGBB pixels, so tests can
// look at what a user would see. Raw encoding only, as the servers here send.
import net from "node:net";
import { decodePixelFormat, encodePixelFormat, type PixelFormat } from "../pixel-format";
import { ClientMessage, Encoding, MessageSize, RFB_VERSION_LENGTH, SecurityType, ServerMessage } from "../protocol";
import { vncAuthResponse } from "../vnc-auth";

export type RfbTestClientOptions = {
  host?: string;
  port: number;
  password?: string;
  /** The version the client answers with (default "RFB 003.008\n"). */
  version?: string;
  /** The security type to ask for (default: VNC authentication when offered and a password is given). */
  securityType?: number;
  timeoutMs?: number;
};

export type ReceivedRect = { x: number; y: number; width: number; height: number; encoding: number };

/** The server refused the handshake; the message is its reason. */
export class RfbHandshakeError extends Error {}
/** The server closed the connection. */
export class RfbClosedError extends Error {}

export class RfbTestClient {
  width = 0;
  height = 0;
  desktopName = "";
  serverFormat!: PixelFormat;
  /** What the client has been sent, one 0xRRGGBB per pixel. */
  pixels = new Uint32Array(0);
  /** Every rectangle received, in order. */
  readonly received: ReceivedRect[] = [];
  readonly cutTexts: string[] = [];
  private format!: PixelFormat;
  private colourMap: number[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private updates = 0;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    socket.on("error", () => undefined);
  }

  /** Connects and completes the handshake; throws RfbHandshakeError with the server's reason when refused. */
  static async connect(options: RfbTestClientOptions): Promise<RfbTestClient> {
    const socket = net.connect(options.port, options.host ?? "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const client = new RfbTestClient(socket);
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    const read = (n: number) => client.read(n, deadline);
    const serverVersion = (await read(RFB_VERSION_LENGTH)).toString("latin1");
    if (!serverVersion.startsWith("RFB ")) throw new RfbHandshakeError(`not an RFB server: ${JSON.stringify(serverVersion)}`);
    const version = options.version ?? "RFB 003.008\n";
    socket.write(version);
    // Servers take any 3.x but 3.7 and 3.8 as 3.3.
    const v33 = !/^RFB 003\.00[78]\n$/.test(version);
    let type: number;
    if (v33) {
      type = (await read(4)).readUInt32BE(0);
      if (type === SecurityType.invalid) throw new RfbHandshakeError(await client.readReason(deadline));
    } else {
      const count = (await read(1))[0]!;
      if (count === 0) throw new RfbHandshakeError(await client.readReason(deadline));
      const types = [...(await read(count))];
      type = options.securityType ?? (options.password !== undefined && types.includes(SecurityType.vncAuth) ? SecurityType.vncAuth : types[0]!);
      socket.write(Buffer.from([type]));
    }
    if (type === SecurityType.vncAuth) {
      const challenge = await read(16);
      socket.write(vncAuthResponse(challenge, options.password ?? ""));
    }
    if (type === SecurityType.vncAuth || version === "RFB 003.008\n") {
      const result = (await read(4)).readUInt32BE(0);
      if (result !== 0) throw new RfbHandshakeError(version === "RFB 003.008\n" ? await client.readReason(deadline) : "security failed");
    }
    socket.write(Buffer.from([1])); // shared
    const init = await read(24);
    client.width = init.readUInt16BE(0);
    client.height = init.readUInt16BE(2);
    const format = decodePixelFormat(init, 4);
    if ("error" in format) throw new RfbHandshakeError(`server pixel format: ${format.error}`);
    client.serverFormat = client.format = format;
    client.desktopName = (await read(init.readUInt32BE(20))).toString("utf8");
    client.pixels = new Uint32Array(client.width * client.height);
    return client;
  }

  setPixelFormat(format: PixelFormat): void {
    const message = Buffer.alloc(MessageSize.setPixelFormat);
    message[0] = ClientMessage.setPixelFormat;
    encodePixelFormat(format).copy(message, 4);
    this.socket.write(message);
    this.format = format;
  }

  setEncodings(encodings: number[] = [Encoding.raw]): void {
    const message = Buffer.alloc(4 + 4 * encodings.length);
    message[0] = ClientMessage.setEncodings;
    message.writeUInt16BE(encodings.length, 2);
    encodings.forEach((e, i) => message.writeInt32BE(e, 4 + 4 * i));
    this.socket.write(message);
  }

  requestUpdate(incremental: boolean, area = { x: 0, y: 0, width: this.width, height: this.height }): void {
    const message = Buffer.alloc(MessageSize.framebufferUpdateRequest);
    message[0] = ClientMessage.framebufferUpdateRequest;
    message[1] = incremental ? 1 : 0;
    message.writeUInt16BE(area.x, 2);
    message.writeUInt16BE(area.y, 4);
    message.writeUInt16BE(area.width, 6);
    message.writeUInt16BE(area.height, 8);
    this.socket.write(message);
  }

  key(keysym: number, down: boolean): void {
    const message = Buffer.alloc(MessageSize.keyEvent);
    message[0] = ClientMessage.keyEvent;
    message[1] = down ? 1 : 0;
    message.writeUInt32BE(keysym, 4);
    this.socket.write(message);
  }

  /** Presses and releases a key for each character (printable ASCII keysyms are their codes). */
  type(text: string): void {
    for (const ch of text) {
      this.key(ch.charCodeAt(0), true);
      this.key(ch.charCodeAt(0), false);
    }
  }

  pointer(x: number, y: number, buttons = 0): void {
    const message = Buffer.alloc(MessageSize.pointerEvent);
    message[0] = ClientMessage.pointerEvent;
    message[1] = buttons;
    message.writeUInt16BE(x, 2);
    message.writeUInt16BE(y, 4);
    this.socket.write(message);
  }

  cutText(text: string): void {
    const body = Buffer.from(text, "latin1");
    const header = Buffer.alloc(MessageSize.clientCutTextHeader);
    header[0] = ClientMessage.clientCutText;
    header.writeUInt32BE(body.length, 4);
    this.socket.write(Buffer.concat([header, body]));
  }

  /** Reads server messages until one more framebuffer update has been applied. */
  async nextUpdate(timeoutMs = 5000): Promise<ReceivedRect[]> {
    const deadline = Date.now() + timeoutMs;
    const before = this.updates;
    const start = this.received.length;
    while (this.updates === before) await this.readMessage(deadline);
    return this.received.slice(start);
  }

  /** Whether no update arrives within `ms` (reading any other messages meanwhile). */
  async noUpdateWithin(ms: number): Promise<boolean> {
    try {
      await this.nextUpdate(ms);
      return false;
    } catch (error) {
      if (error instanceof RfbClosedError) throw error;
      return true;
    }
  }

  pixel(x: number, y: number): number {
    return this.pixels[y * this.width + x]!;
  }

  /** Resolves when the server has closed the connection (rejects after `timeoutMs`). */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) await this.waitForData(deadline);
  }

  close(): void {
    this.socket.destroy();
  }

  private async readMessage(deadline: number): Promise<void> {
    const type = (await this.read(1, deadline))[0]!;
    switch (type) {
      case ServerMessage.framebufferUpdate: {
        const count = (await this.read(3, deadline)).readUInt16BE(1);
        for (let i = 0; i < count; i++) {
          const header = await this.read(12, deadline);
          const rect = { x: header.readUInt16BE(0), y: header.readUInt16BE(2), width: header.readUInt16BE(4), height: header.readUInt16BE(6), encoding: header.readInt32BE(8) };
          if (rect.encoding !== Encoding.raw) throw new Error(`encoding ${rect.encoding} is not raw`);
          const bytes = this.format.bitsPerPixel / 8;
          const data = await this.read(rect.width * rect.height * bytes, deadline);
          this.apply(rect, data, bytes);
          this.received.push(rect);
        }
        this.updates++;
        return;
      }
      case ServerMessage.setColourMapEntries: {
        const header = await this.read(5, deadline);
        const first = header.readUInt16BE(1);
        const count = header.readUInt16BE(3);
        const data = await this.read(count * 6, deadline);
        for (let i = 0; i < count; i++) {
          this.colourMap[first + i] = ((data.readUInt16BE(i * 6) >> 8) << 16) | ((data.readUInt16BE(i * 6 + 2) >> 8) << 8) | (data.readUInt16BE(i * 6 + 4) >> 8);
        }
        return;
      }
      case ServerMessage.bell:
        return;
      case ServerMessage.serverCutText: {
        const length = (await this.read(7, deadline)).readUInt32BE(3);
        this.cutTexts.push((await this.read(length, deadline)).toString("latin1"));
        return;
      }
      default:
        throw new Error(`unknown server message ${type}`);
    }
  }

  /** Decodes raw pixels in the client's format back to 0xRRGGBB. */
  private apply(rect: ReceivedRect, data: Buffer, bytes: number): void {
    const f = this.format;
    const channel = (value: number, shift: number, max: number) => Math.round(((Math.floor(value / 2 ** shift) & max) * 255) / max);
    let offset = 0;
    for (let y = rect.y; y < rect.y + rect.height; y++) {
      for (let x = rect.x; x < rect.x + rect.width; x++) {
        const value = bytes === 4 ? (f.bigEndian ? data.readUInt32BE(offset) : data.readUInt32LE(offset)) : bytes === 2 ? (f.bigEndian ? data.readUInt16BE(offset) : data.readUInt16LE(offset)) : data[offset]!;
        offset += bytes;
        this.pixels[y * this.width + x] = f.trueColour
          ? (channel(value, f.redShift, f.redMax) << 16) | (channel(value, f.greenShift, f.greenMax) << 8) | channel(value, f.blueShift, f.blueMax)
          : (this.colourMap[value] ?? 0);
      }
    }
  }

  private async readReason(deadline: number): Promise<string> {
    const length = (await this.read(4, deadline)).readUInt32BE(0);
    return (await this.read(length, deadline)).toString("utf8");
  }

  private async read(n: number, deadline: number): Promise<Buffer> {
    while (this.buffer.length < n) {
      if (this.closed) throw new RfbClosedError("the server closed the connection");
      await this.waitForData(deadline);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  private waitForData(deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const left = deadline - Date.now();
      if (left <= 0) return reject(new Error("timed out waiting for the server"));
      const timer = setTimeout(() => reject(new Error("timed out waiting for the server")), left);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
