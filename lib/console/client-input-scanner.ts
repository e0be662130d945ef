// Tells the relay whether bytes from the browser carry a person's input (keys, pointer, clipboard), for the idle
// timeout: noVNC keeps asking for screen updates on its own, so "any bytes" would never let a console go idle. It
// follows the client's RFB messages by their lengths (RFC 6143 §7.5 and the common extensions noVNC sends); a
// message it does not know makes it give up and count every byte as input — a console then closes only at its
// maximum length, never because the scanner lost its way.
import { ClientMessage } from "@/lib/rfb/protocol";

/** Extensions noVNC sends when the server supports them. */
const ExtensionMessage = {
  enableContinuousUpdates: 150,
  fence: 248,
  xvp: 250,
  setDesktopSize: 251,
  gii: 253,
  qemu: 255,
} as const;

/** A message's fixed part, what follows it, and whether it is input. */
type Shape = { header: number; payload: (header: Buffer) => number; input: boolean };

const fixed = (header: number, input = false): Shape => ({ header, payload: () => 0, input });

const SHAPES = new Map<number, Shape>([
  [ClientMessage.setPixelFormat, fixed(20)],
  [ClientMessage.setEncodings, { header: 4, payload: (h) => 4 * h.readUInt16BE(2), input: false }],
  [ClientMessage.framebufferUpdateRequest, fixed(10)],
  [ClientMessage.keyEvent, fixed(8, true)],
  [ClientMessage.pointerEvent, fixed(6, true)],
  // A negative length is the extended clipboard's: its size is the absolute value.
  [ClientMessage.clientCutText, { header: 8, payload: (h) => Math.abs(h.readInt32BE(4)), input: true }],
  [ExtensionMessage.enableContinuousUpdates, fixed(10)],
  [ExtensionMessage.fence, { header: 9, payload: (h) => h.readUInt8(8), input: false }],
  [ExtensionMessage.xvp, fixed(4, true)],
  [ExtensionMessage.setDesktopSize, { header: 8, payload: (h) => 16 * h.readUInt8(6), input: false }],
  [ExtensionMessage.gii, { header: 4, payload: (h) => h.readUInt16BE(2), input: true }],
]);

/** QEMU's messages carry a subtype in their second byte; only the extended key event (subtype 0) has a fixed size. */
const QEMU_EXTENDED_KEY_EVENT = 0;

export class ClientInputScanner {
  private head: Buffer = Buffer.alloc(0);
  private skip = 0;
  private lost = false;

  /** Whether these bytes hold input, given everything scanned before. */
  scan(chunk: Buffer): boolean {
    if (this.lost) return chunk.length > 0;
    let input = false;
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const shape = this.shapeOf(this.head.length ? this.head : chunk.subarray(at, at + 2));
      if (shape === null) {
        this.lost = true;
        return true;
      }
      const want = (shape === "more" ? 2 : shape.header) - this.head.length;
      const take = Math.min(want, chunk.length - at);
      this.head = Buffer.concat([this.head, chunk.subarray(at, at + take)]);
      at += take;
      if (shape === "more" || take < want) continue;
      input ||= shape.input;
      this.skip = shape.payload(this.head);
      this.head = Buffer.alloc(0);
    }
    return input;
  }

  /** The shape of the message starting with `start`; "more" when its second byte is needed first; null if unknown. */
  private shapeOf(start: Buffer): Shape | "more" | null {
    const type = start[0]!;
    if (type !== ExtensionMessage.qemu) return SHAPES.get(type) ?? null;
    if (start.length < 2) return "more";
    return start[1] === QEMU_EXTENDED_KEY_EVENT ? fixed(12, true) : null;
  }
}
