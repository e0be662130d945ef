// RFB pixel formats (RFC 6143 §7.4): how a client wants pixels laid out. A server keeps its own pixels and converts
// them to each client's format when it sends them. True colour in any bits per pixel the protocol allows (8, 16, 32),
// either byte order, any channel maxima and shifts; a client that asks for a colour map (true-colour flag 0) gets the
// 16 VGA colours as its map (RFC 6143 §7.6.2), and every colour is sent as the nearest of them.
import { MessageSize, ServerMessage } from "./protocol";

export type PixelFormat = {
  bitsPerPixel: 8 | 16 | 32;
  depth: number;
  bigEndian: boolean;
  trueColour: boolean;
  redMax: number;
  greenMax: number;
  blueMax: number;
  redShift: number;
  greenShift: number;
  blueShift: number;
};

/** What the servers here announce in ServerInit: 32 bits per pixel, depth 24, little-endian, 8 bits per channel. */
export const SERVER_PIXEL_FORMAT: PixelFormat = {
  bitsPerPixel: 32,
  depth: 24,
  bigEndian: false,
  trueColour: true,
  redMax: 255,
  greenMax: 255,
  blueMax: 255,
  redShift: 16,
  greenShift: 8,
  blueShift: 0,
};

/** The 16 VGA text-mode colours as 0xRRGGBB: the colour map offered to clients without true colour. */
export const VGA_PALETTE: readonly number[] = [
  0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
  0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff,
];

export function encodePixelFormat(pf: PixelFormat): Buffer {
  const out = Buffer.alloc(MessageSize.pixelFormat);
  out.writeUInt8(pf.bitsPerPixel, 0);
  out.writeUInt8(pf.depth, 1);
  out.writeUInt8(pf.bigEndian ? 1 : 0, 2);
  out.writeUInt8(pf.trueColour ? 1 : 0, 3);
  out.writeUInt16BE(pf.redMax, 4);
  out.writeUInt16BE(pf.greenMax, 6);
  out.writeUInt16BE(pf.blueMax, 8);
  out.writeUInt8(pf.redShift, 10);
  out.writeUInt8(pf.greenShift, 11);
  out.writeUInt8(pf.blueShift, 12);
  return out;
}

/** The 16 bytes of a pixel format at `offset`, or why they cannot be honoured. */
export function decodePixelFormat(data: Buffer, offset: number): PixelFormat | { error: string } {
  const bitsPerPixel = data.readUInt8(offset);
  if (bitsPerPixel !== 8 && bitsPerPixel !== 16 && bitsPerPixel !== 32) return { error: `bits per pixel must be 8, 16 or 32, not ${bitsPerPixel}` };
  const pf: PixelFormat = {
    bitsPerPixel,
    depth: data.readUInt8(offset + 1),
    bigEndian: data.readUInt8(offset + 2) !== 0,
    trueColour: data.readUInt8(offset + 3) !== 0,
    redMax: data.readUInt16BE(offset + 4),
    greenMax: data.readUInt16BE(offset + 6),
    blueMax: data.readUInt16BE(offset + 8),
    redShift: data.readUInt8(offset + 10),
    greenShift: data.readUInt8(offset + 11),
    blueShift: data.readUInt8(offset + 12),
  };
  if (!pf.trueColour) return bitsPerPixel === 8 ? pf : { error: "a colour map is offered only with 8 bits per pixel" };
  for (const [name, max, shift] of [["red", pf.redMax, pf.redShift], ["green", pf.greenMax, pf.greenShift], ["blue", pf.blueMax, pf.blueShift]] as const) {
    if (max === 0) return { error: `${name} maximum is 0` };
    if (max * 2 ** shift >= 2 ** bitsPerPixel) return { error: `${name} (maximum ${max}, shift ${shift}) does not fit in ${bitsPerPixel} bits` };
  }
  return pf;
}

/** Converts 0xRRGGBB colours into one client's pixel bytes. */
export class PixelEncoder {
  readonly bytesPerPixel: number;
  private readonly cache = new Map<number, number>();

  constructor(readonly format: PixelFormat) {
    this.bytesPerPixel = format.bitsPerPixel / 8;
  }

  /** The client's pixel value of a colour (a colour-map index without true colour). */
  value(rgb: number): number {
    let value = this.cache.get(rgb);
    if (value === undefined) {
      value = this.format.trueColour ? this.trueColourValue(rgb) : nearestPaletteIndex(rgb);
      // Screens use a handful of colours; the bound only guards against a framebuffer of photographs.
      if (this.cache.size > 4096) this.cache.clear();
      this.cache.set(rgb, value);
    }
    return value;
  }

  /** Writes `count` pixels from `rgb` into `out` at `offset`; returns the offset after them. */
  encode(rgb: Uint32Array, count: number, out: Buffer, offset: number): number {
    const { bytesPerPixel } = this;
    const big = this.format.bigEndian;
    let lastRgb = -1;
    let value = 0;
    for (let i = 0; i < count; i++) {
      const colour = rgb[i]!;
      if (colour !== lastRgb) {
        lastRgb = colour;
        value = this.value(colour);
      }
      if (bytesPerPixel === 4) {
        if (big) out.writeUInt32BE(value, offset);
        else out.writeUInt32LE(value, offset);
      } else if (bytesPerPixel === 2) {
        if (big) out.writeUInt16BE(value, offset);
        else out.writeUInt16LE(value, offset);
      } else {
        out[offset] = value;
      }
      offset += bytesPerPixel;
    }
    return offset;
  }

  private trueColourValue(rgb: number): number {
    const f = this.format;
    const scale = (channel: number, max: number) => Math.round((channel * max) / 255);
    const r = scale((rgb >> 16) & 0xff, f.redMax);
    const g = scale((rgb >> 8) & 0xff, f.greenMax);
    const b = scale(rgb & 0xff, f.blueMax);
    // Multiplication instead of << so that a 32-bit value stays positive.
    return r * 2 ** f.redShift + g * 2 ** f.greenShift + b * 2 ** f.blueShift;
  }
}

function nearestPaletteIndex(rgb: number): number {
  let best = 0;
  let bestDistance = Infinity;
  VGA_PALETTE.forEach((entry, index) => {
    const d = (((entry >> 16) & 0xff) - ((rgb >> 16) & 0xff)) ** 2 + (((entry >> 8) & 0xff) - ((rgb >> 8) & 0xff)) ** 2 + ((entry & 0xff) - (rgb & 0xff)) ** 2;
    if (d < bestDistance) [best, bestDistance] = [index, d];
  });
  return best;
}

/** SetColourMapEntries (server message 1) with the VGA palette, 16-bit channels. */
export function colourMapMessage(): Buffer {
  const out = Buffer.alloc(6 + VGA_PALETTE.length * 6);
  out.writeUInt8(ServerMessage.setColourMapEntries, 0);
  out.writeUInt16BE(0, 2);
  out.writeUInt16BE(VGA_PALETTE.length, 4);
  VGA_PALETTE.forEach((rgb, i) => {
    out.writeUInt16BE(((rgb >> 16) & 0xff) * 257, 6 + i * 6);
    out.writeUInt16BE(((rgb >> 8) & 0xff) * 257, 8 + i * 6);
    out.writeUInt16BE((rgb & 0xff) * 257, 10 + i * 6);
  });
  return out;
}
