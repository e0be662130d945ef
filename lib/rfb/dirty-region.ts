// The part of the screen a client has not been sent since it changed: RFB coalesces changes until the client asks
// (RFC 6143 §7.5.3), so a slow client costs a bounded region, never a queue of updates. A few rectangles are kept
// apart; past that they merge into their bounding box (sending a little more, never forgetting a change).
import { boundingBox, contains, intersect, type Rect } from "./framebuffer";

const MAX_RECTS = 8;

export class DirtyRegion {
  private rects: Rect[] = [];

  get isEmpty(): boolean {
    return this.rects.length === 0;
  }

  add(rect: Rect): void {
    if (rect.width <= 0 || rect.height <= 0) return;
    if (this.rects.some((r) => contains(r, rect))) return;
    this.rects = this.rects.filter((r) => !contains(rect, r));
    this.rects.push(rect);
    if (this.rects.length > MAX_RECTS) this.rects = [this.rects.reduce(boundingBox)];
  }

  /**
   * The dirty parts inside `area`, clipped to it. Rectangles wholly inside leave the region; one that reaches outside
   * stays (its outside part still has to be sent when asked), so some pixels may be sent twice, none never.
   */
  take(area: Rect): Rect[] {
    const taken: Rect[] = [];
    const kept: Rect[] = [];
    for (const rect of this.rects) {
      const part = intersect(rect, area);
      if (part) taken.push(part);
      if (!contains(area, rect)) kept.push(rect);
    }
    this.rects = kept;
    return taken;
  }

  clear(): void {
    this.rects = [];
  }
}
