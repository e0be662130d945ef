// A text-mode screen: a grid of characters (80x25 by default) drawn with an 8x16 bitmap font, as a VGA text console.
// It is an RFB framebuffer whose pixels are drawn from the grid when read, so it keeps 2 bytes per character cell and
// no pixel memory. Writes mark the rows they change; the rows are reported as damage once per turn of the event loop,
// so a burst of writes becomes one update.
import type { Framebuffer, Rect } from "./framebuffer";
import { FIRST_GLYPH, GLYPH_HEIGHT, GLYPH_ROWS, GLYPH_WIDTH, LAST_GLYPH } from "./font-misc-fixed-8x13";
import { VGA_PALETTE } from "./pixel-format";

/** VGA colour indexes (VGA_PALETTE) the screens use. */
export const TextColour = { black: 0, grey: 7, darkGrey: 8, brightGreen: 10, brightCyan: 11, yellow: 14, white: 15 } as const;

const SPACE = 0x20;
/** Shown for characters the font does not have. */
const REPLACEMENT = "?".charCodeAt(0);
const CURSOR_ROWS = [14, 15];

export class TextScreen implements Framebuffer {
  readonly width: number;
  readonly height: number;
  private readonly chars: Uint8Array;
  /** Foreground colour index per cell (the background is black). */
  private readonly colours: Uint8Array;
  private row = 0;
  private col = 0;
  private readonly dirtyRows: Uint8Array;
  private flushQueued = false;
  private readonly listeners = new Set<(rect: Rect) => void>();
  cursorVisible = true;

  constructor(
    readonly cols = 80,
    readonly rows = 25,
  ) {
    this.width = cols * GLYPH_WIDTH;
    this.height = rows * GLYPH_HEIGHT;
    this.chars = new Uint8Array(cols * rows).fill(SPACE);
    this.colours = new Uint8Array(cols * rows).fill(TextColour.grey);
    this.dirtyRows = new Uint8Array(rows);
  }

  get cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  /** Writes text at the cursor: "\n" starts a new line (scrolling at the bottom), "\r" returns to column 0. */
  write(text: string, colour: number = TextColour.grey): void {
    this.markCursor();
    for (const ch of text) {
      if (ch === "\n") this.newLine();
      else if (ch === "\r") this.col = 0;
      else {
        if (this.col >= this.cols) this.newLine();
        const code = ch.charCodeAt(0);
        const cell = this.row * this.cols + this.col;
        this.chars[cell] = code >= FIRST_GLYPH && code <= LAST_GLYPH ? code : REPLACEMENT;
        this.colours[cell] = colour;
        this.col++;
      }
    }
    this.markCursor();
  }

  /** Erases the character before the cursor on its line (Backspace); false at the start of the line. */
  eraseBack(): boolean {
    if (this.col === 0) return false;
    this.markCursor();
    this.col--;
    this.chars[this.row * this.cols + this.col] = SPACE;
    this.markCursor();
    return true;
  }

  clear(): void {
    this.chars.fill(SPACE);
    this.colours.fill(TextColour.grey);
    this.row = 0;
    this.col = 0;
    this.dirtyRows.fill(1);
    this.queueFlush();
  }

  /** The text of one row, without trailing spaces. */
  lineText(row: number): string {
    const start = row * this.cols;
    return String.fromCharCode(...this.chars.subarray(start, start + this.cols)).trimEnd();
  }

  /** Every row's text, top to bottom. */
  lines(): string[] {
    return Array.from({ length: this.rows }, (_, row) => this.lineText(row));
  }

  onDamage(listener: (rect: Rect) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readRgb(rect: Rect, out: Uint32Array): void {
    const background = VGA_PALETTE[TextColour.black]!;
    const right = rect.x + rect.width;
    let i = 0;
    for (let y = rect.y; y < rect.y + rect.height; y++) {
      const textRow = (y / GLYPH_HEIGHT) | 0;
      const glyphRow = y % GLYPH_HEIGHT;
      const cursorCol = this.cursorVisible && textRow === this.row && CURSOR_ROWS.includes(glyphRow) ? this.col : -1;
      const rowStart = textRow * this.cols;
      // A cell at a time: its glyph row and colour once, then its pixels inside the rectangle.
      for (let col = (rect.x / GLYPH_WIDTH) | 0; col * GLYPH_WIDTH < right; col++) {
        const bits = col === cursorCol ? 0xff : GLYPH_ROWS[(this.chars[rowStart + col]! - FIRST_GLYPH) * GLYPH_HEIGHT + glyphRow]!;
        const colour = VGA_PALETTE[this.colours[rowStart + col]!]!;
        const from = Math.max(rect.x, col * GLYPH_WIDTH);
        const to = Math.min(right, (col + 1) * GLYPH_WIDTH);
        for (let x = from; x < to; x++) out[i++] = bits & (0x80 >> (x - col * GLYPH_WIDTH)) ? colour : background;
      }
    }
  }

  private newLine(): void {
    this.col = 0;
    if (this.row < this.rows - 1) {
      this.row++;
      this.markRow(this.row);
      return;
    }
    // Scroll: every row moves up one and the last one is blank.
    this.chars.copyWithin(0, this.cols);
    this.colours.copyWithin(0, this.cols);
    this.chars.fill(SPACE, (this.rows - 1) * this.cols);
    this.colours.fill(TextColour.grey, (this.rows - 1) * this.cols);
    this.dirtyRows.fill(1);
    this.queueFlush();
  }

  /** The cursor's row changes whenever the cursor moves or what is under it does. */
  private markCursor(): void {
    this.markRow(Math.min(this.row, this.rows - 1));
  }

  private markRow(row: number): void {
    this.dirtyRows[row] = 1;
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  /** Reports each band of consecutive dirty rows as one rectangle. */
  private flush(): void {
    this.flushQueued = false;
    let start = -1;
    for (let row = 0; row <= this.rows; row++) {
      const dirty = row < this.rows && this.dirtyRows[row] === 1;
      if (dirty && start < 0) start = row;
      if (!dirty && start >= 0) {
        const rect = { x: 0, y: start * GLYPH_HEIGHT, width: this.width, height: (row - start) * GLYPH_HEIGHT };
        for (const listener of this.listeners) listener(rect);
        start = -1;
      }
    }
    this.dirtyRows.fill(0);
  }
}
