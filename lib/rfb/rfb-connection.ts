// One client of an RFB server (RFC 6143): the handshake (version, security, ClientInit/ServerInit), then the client's
// messages and the framebuffer updates it asks for. Anything malformed closes this connection and nothing else. Memory
// is bounded both ways: input is parsed as it arrives and a message may not exceed its limit; output is one coalesced
// update at a time, held back while the socket has not drained, however often the client asks.
import type net from "node:net";
import { DirtyRegion } from "./dirty-region";
import { rawUpdateMessage } from "./raw-update";
import { boundingBox, intersect, type Framebuffer, type Rect } from "./framebuffer";
import { colourMapMessage, decodePixelFormat, encodePixelFormat, PixelEncoder, SERVER_PIXEL_FORMAT } from "./pixel-format";
import {
  ClientMessage,
  Encoding,
  MessageSize,
  RFB_VERSION_3_8,
  RFB_VERSION_LENGTH,
  SecurityResult,
  SecurityType,
  type RfbMinorVersion,
} from "./protocol";
import { newVncChallenge, VNC_CHALLENGE_LENGTH, vncAuthMatches } from "./vnc-auth";

export type RfbConnectionOptions = {
  framebuffer: Framebuffer;
  desktopName: string;
  /** VNC authentication with this password; null offers security type None. */
  password: string | null;
  maxCutTextBytes: number;
  handshakeTimeoutMs: number;
  /** Refuse the client with this reason after the version exchange (e.g. too many clients). */
  refusal?: string;
  onKey(keysym: number, down: boolean): void;
  onCutText(text: string): void;
  onClose(connection: RfbConnection, reason: string | null): void;
};

type Phase = "version" | "security" | "auth" | "init" | "normal" | "closed";

/** Output held before the next update is written: one full 32-bit screen of 1024x768 is 3 MiB. */
const OUTPUT_HIGH_WATER = 256 * 1024;
const MAX_ENCODINGS = 1024;

export class RfbConnection {
  private phase: Phase = "version";
  private input: Buffer = Buffer.alloc(0);
  private readonly maxInput: number;
  private minor: RfbMinorVersion = 8;
  private challenge: Buffer | null = null;
  private encoder = new PixelEncoder(SERVER_PIXEL_FORMAT);
  private readonly dirty = new DirtyRegion();
  /** The area of the client's pending FramebufferUpdateRequest, answered as soon as something in it is dirty. */
  private request: Rect | null = null;
  private readonly handshakeTimer: NodeJS.Timeout;
  encodings: number[] = [Encoding.raw];
  /** Why the connection closed, when it was the server's decision. */
  closeReason: string | null = null;

  constructor(
    readonly socket: net.Socket,
    private readonly options: RfbConnectionOptions,
  ) {
    this.maxInput = Math.max(MessageSize.clientCutTextHeader + options.maxCutTextBytes, MessageSize.setEncodingsHeader + 4 * MAX_ENCODINGS);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("drain", () => this.sendUpdate());
    socket.on("error", () => undefined); // a reset by the client; "close" follows
    socket.on("close", () => this.closed());
    this.handshakeTimer = setTimeout(() => this.fail("the handshake was not finished in time"), options.handshakeTimeoutMs);
    this.handshakeTimer.unref();
    socket.write(RFB_VERSION_3_8);
  }

  /** Whether the client has finished the handshake and sees the screen. */
  get active(): boolean {
    return this.phase === "normal";
  }

  /** The framebuffer changed in `rect`: the client gets it with its next (or pending) update. */
  damage(rect: Rect): void {
    if (this.phase !== "normal") return;
    this.dirty.add(rect);
    this.sendUpdate();
  }

  close(reason: string): void {
    this.fail(reason);
  }

  private receive(chunk: Buffer): void {
    if (this.phase === "closed") return;
    this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
    try {
      for (;;) {
        const used = this.step();
        if (used === 0 || this.isClosed()) break;
        this.input = this.input.subarray(used);
      }
    } catch (error) {
      this.fail(`malformed message: ${(error as Error).message}`);
      return;
    }
    if (this.input.length > this.maxInput) this.fail(`a message of more than ${this.maxInput} bytes`);
    // A used-up buffer is let go (it may be the tail of a large clipboard message).
    else if (this.input.length === 0) this.input = Buffer.alloc(0);
  }

  /** Handles one unit of input if it is complete; returns the bytes it used (0: wait for more). */
  private step(): number {
    const data = this.input;
    switch (this.phase) {
      case "version":
        return data.length < RFB_VERSION_LENGTH ? 0 : this.onVersion(data.subarray(0, RFB_VERSION_LENGTH).toString("latin1"));
      case "security":
        return data.length < 1 ? 0 : this.onSecurityChoice(data[0]!);
      case "auth":
        return data.length < VNC_CHALLENGE_LENGTH ? 0 : this.onAuthResponse(data.subarray(0, VNC_CHALLENGE_LENGTH));
      case "init":
        return data.length < 1 ? 0 : this.onClientInit();
      case "normal":
        return data.length < 1 ? 0 : this.onMessage(data);
      case "closed":
        return 0;
    }
  }

  private onVersion(text: string): number {
    const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(text);
    if (!match) return this.fail("not an RFB client (bad protocol version)");
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < 3) return this.fail(`RFB version ${major}.${minor} is not supported`);
    // RFC 6143 §7.1.1: 3.7 and 3.8 as such, anything newer as 3.8, any other 3.x as 3.3.
    this.minor = major > 3 || minor >= 8 ? 8 : minor === 7 ? 7 : 3;
    const offered = this.options.password === null ? SecurityType.none : SecurityType.vncAuth;
    if (this.options.refusal) return this.refuse(this.options.refusal);
    if (this.minor === 3) {
      this.write(u32(offered));
      this.startSecurity(offered);
    } else {
      this.write(Buffer.from([1, offered]));
      this.phase = "security";
    }
    return RFB_VERSION_LENGTH;
  }

  private onSecurityChoice(type: number): number {
    const offered = this.options.password === null ? SecurityType.none : SecurityType.vncAuth;
    if (type !== offered) return this.securityFailed(`security type ${type} is not offered`);
    this.startSecurity(type);
    return 1;
  }

  private startSecurity(type: number): void {
    if (type === SecurityType.vncAuth) {
      this.challenge = newVncChallenge();
      this.write(this.challenge);
      this.phase = "auth";
      return;
    }
    // None: 3.8 confirms with a SecurityResult, 3.3 and 3.7 go straight to ClientInit.
    if (this.minor === 8) this.write(u32(SecurityResult.ok));
    this.phase = "init";
  }

  private onAuthResponse(response: Buffer): number {
    const ok = vncAuthMatches(this.challenge!, response, this.options.password!);
    this.challenge = null;
    if (!ok) return this.securityFailed("Authentication failed");
    this.write(u32(SecurityResult.ok));
    this.phase = "init";
    return VNC_CHALLENGE_LENGTH;
  }

  private onClientInit(): number {
    // Every client shares the screen, whatever its shared-flag says (QEMU's share=force-shared): a viewer must not
    // disconnect the others.
    const name = Buffer.from(this.options.desktopName, "utf8");
    const init = Buffer.alloc(4 + MessageSize.pixelFormat + 4);
    init.writeUInt16BE(this.options.framebuffer.width, 0);
    init.writeUInt16BE(this.options.framebuffer.height, 2);
    encodePixelFormat(SERVER_PIXEL_FORMAT).copy(init, 4);
    init.writeUInt32BE(name.length, 4 + MessageSize.pixelFormat);
    this.write(Buffer.concat([init, name]));
    this.phase = "normal";
    clearTimeout(this.handshakeTimer);
    return 1;
  }

  private onMessage(data: Buffer): number {
    const type = data[0]!;
    switch (type) {
      case ClientMessage.setPixelFormat: {
        if (data.length < MessageSize.setPixelFormat) return 0;
        const format = decodePixelFormat(data, 4);
        if ("error" in format) return this.fail(`unusable pixel format: ${format.error}`);
        this.encoder = new PixelEncoder(format);
        if (!format.trueColour) this.write(colourMapMessage());
        // Whatever the client holds is in the old format now.
        this.dirty.add(this.screen());
        return MessageSize.setPixelFormat;
      }
      case ClientMessage.setEncodings: {
        if (data.length < MessageSize.setEncodingsHeader) return 0;
        const count = data.readUInt16BE(2);
        if (count > MAX_ENCODINGS) return this.fail(`${count} encodings (at most ${MAX_ENCODINGS})`);
        const size = MessageSize.setEncodingsHeader + 4 * count;
        if (data.length < size) return 0;
        // Raw is always allowed (RFC 6143 §7.7); the others are noted, and raw is what is sent.
        this.encodings = Array.from({ length: count }, (_, i) => data.readInt32BE(MessageSize.setEncodingsHeader + 4 * i));
        return size;
      }
      case ClientMessage.framebufferUpdateRequest: {
        if (data.length < MessageSize.framebufferUpdateRequest) return 0;
        const incremental = data[1] !== 0;
        const asked = { x: data.readUInt16BE(2), y: data.readUInt16BE(4), width: data.readUInt16BE(6), height: data.readUInt16BE(8) };
        const area = intersect(asked, this.screen());
        if (area) {
          if (!incremental) this.dirty.add(area);
          this.request = this.request ? boundingBox(this.request, area) : area;
          this.sendUpdate();
        }
        return MessageSize.framebufferUpdateRequest;
      }
      case ClientMessage.keyEvent:
        if (data.length < MessageSize.keyEvent) return 0;
        this.options.onKey(data.readUInt32BE(4), data[1] !== 0);
        return MessageSize.keyEvent;
      case ClientMessage.pointerEvent:
        // A text console has no pointer.
        return data.length < MessageSize.pointerEvent ? 0 : MessageSize.pointerEvent;
      case ClientMessage.clientCutText: {
        if (data.length < MessageSize.clientCutTextHeader) return 0;
        const length = data.readUInt32BE(4);
        if (length > this.options.maxCutTextBytes) return this.fail(`clipboard text of ${length} bytes (at most ${this.options.maxCutTextBytes})`);
        const size = MessageSize.clientCutTextHeader + length;
        if (data.length < size) return 0;
        this.options.onCutText(data.subarray(MessageSize.clientCutTextHeader, size).toString("latin1"));
        return size;
      }
      default:
        return this.fail(`unknown message type ${type}`);
    }
  }

  /** Sends what is dirty inside the pending request, unless nothing is or the socket has not drained. */
  private sendUpdate(): void {
    if (this.phase !== "normal" || !this.request || this.socket.writableLength > OUTPUT_HIGH_WATER) return;
    const rects = this.dirty.take(this.request);
    if (!rects.length) return;
    this.request = null;
    this.write(rawUpdateMessage(this.options.framebuffer, rects, this.encoder));
  }

  private screen(): Rect {
    return { x: 0, y: 0, width: this.options.framebuffer.width, height: this.options.framebuffer.height };
  }

  /** Security failed: 3.8 says why in its SecurityResult, 3.3 and 3.7 just fail. */
  private securityFailed(reason: string): number {
    if (this.minor === 8) this.write(Buffer.concat([u32(SecurityResult.failed), reasonString(reason)]));
    else if (this.phase === "auth") this.write(u32(SecurityResult.failed));
    return this.fail(reason, { flush: true });
  }

  /** Refuses before security (RFC 6143 §7.1.2): no security types, then the reason. */
  private refuse(reason: string): number {
    this.write(Buffer.concat([this.minor === 3 ? u32(SecurityType.invalid) : Buffer.from([0]), reasonString(reason)]));
    return this.fail(reason, { flush: true });
  }

  private write(data: Buffer): void {
    if (this.phase !== "closed" && !this.socket.destroyed) this.socket.write(data);
  }

  /** Closes the connection (after what was written, with `flush`); returns 0 so a parser can stop with it. */
  private fail(reason: string, options: { flush?: boolean } = {}): number {
    if (this.phase === "closed") return 0;
    this.closeReason = reason;
    this.phase = "closed";
    clearTimeout(this.handshakeTimer);
    if (options.flush) {
      this.socket.end();
      // A client that does not read its end must not keep the socket open.
      setTimeout(() => this.socket.destroy(), 1000).unref();
    } else {
      this.socket.destroy();
    }
    return 0;
  }

  /** A method, not a field test, so the compiler does not narrow the phase across calls that close. */
  private isClosed(): boolean {
    return this.phase === "closed";
  }

  private closed(): void {
    if (this.phase !== "closed") {
      this.phase = "closed";
      clearTimeout(this.handshakeTimer);
    }
    this.input = Buffer.alloc(0);
    this.dirty.clear();
    this.options.onClose(this, this.closeReason);
  }
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function reasonString(reason: string): Buffer {
  const text = Buffer.from(reason, "utf8");
  return Buffer.concat([u32(text.length), text]);
}
