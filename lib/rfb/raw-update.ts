// A FramebufferUpdate message (RFC 6143 §7.6.1) of rectangles in raw encoding: each rectangle's pixels read from the
// framebuffer a few rows at a time and written in the client's pixel format.
import type { Framebuffer, Rect } from "./framebuffer";
import type { PixelEncoder } from "./pixel-format";
import { Encoding, MessageSize, ServerMessage } from "./protocol";

/** Pixels read from the framebuffer at a time while encoding. */
const READ_CHUNK_PIXELS = 16 * 1024;

export function rawUpdateMessage(framebuffer: Framebuffer, rects: Rect[], encoder: PixelEncoder): Buffer {
  const size = rects.reduce((sum: number, r) => sum + MessageSize.rectangleHeader + r.width * r.height * encoder.bytesPerPixel, MessageSize.framebufferUpdateHeader);
  const out = Buffer.allocUnsafe(size);
  out.writeUInt8(ServerMessage.framebufferUpdate, 0);
  out.writeUInt8(0, 1);
  out.writeUInt16BE(rects.length, 2);
  let offset: number = MessageSize.framebufferUpdateHeader;
  const scratch = new Uint32Array(READ_CHUNK_PIXELS);
  for (const rect of rects) {
    out.writeUInt16BE(rect.x, offset);
    out.writeUInt16BE(rect.y, offset + 2);
    out.writeUInt16BE(rect.width, offset + 4);
    out.writeUInt16BE(rect.height, offset + 6);
    out.writeInt32BE(Encoding.raw, offset + 8);
    offset += MessageSize.rectangleHeader;
    const rowsPerChunk = Math.max(1, Math.floor(READ_CHUNK_PIXELS / rect.width));
    const pixels = rect.width * rowsPerChunk > scratch.length ? new Uint32Array(rect.width * rowsPerChunk) : scratch;
    for (let y = rect.y; y < rect.y + rect.height; y += rowsPerChunk) {
      const band = { x: rect.x, y, width: rect.width, height: Math.min(rowsPerChunk, rect.y + rect.height - y) };
      framebuffer.readRgb(band, pixels);
      offset = encoder.encode(pixels, band.width * band.height, out, offset);
    }
  }
  return out;
}
