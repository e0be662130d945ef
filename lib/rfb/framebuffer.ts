// What an RFB server shows: a screen of 0xRRGGBB pixels it reads when it sends an update, and the damage (changed
// rectangles) it is told of as the screen changes. The server keeps no copy of the pixels: a screen that draws on
// demand (a text console from its character grid) costs no pixel memory while nobody looks.
export type Rect = { x: number; y: number; width: number; height: number };

export interface Framebuffer {
  readonly width: number;
  readonly height: number;
  /** Writes the pixels of `rect` (inside the screen) row by row into `out`, one 0xRRGGBB per pixel. */
  readRgb(rect: Rect, out: Uint32Array): void;
  /** Calls `listener` with each changed rectangle; returns the function that stops it. */
  onDamage(listener: (rect: Rect) => void): () => void;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

export function boundingBox(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
