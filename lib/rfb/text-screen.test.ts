import { describe, expect, it } from "vitest";
import { TextColour, TextScreen } from "./text-screen";
import { VGA_PALETTE } from "./pixel-format";
import type { Rect } from "./framebuffer";

/** One 8x16 character cell as text: "#" for a lit pixel, "." for background. */
function cellPicture(screen: TextScreen, row: number, col: number): string[] {
  const out = new Uint32Array(8 * 16);
  screen.readRgb({ x: col * 8, y: row * 16, width: 8, height: 16 }, out);
  return Array.from({ length: 16 }, (_, y) => Array.from(out.subarray(y * 8, y * 8 + 8), (p) => (p === 0 ? "." : "#")).join(""));
}

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("text screen", () => {
  it("draws a character with the bitmap font, in its colour on black", () => {
    const screen = new TextScreen();
    screen.cursorVisible = false;
    screen.write("A", TextColour.white);
    expect(cellPicture(screen, 0, 0)).toEqual([
      "........",
      "........",
      "........",
      "........",
      "...##...",
      "..#..#..",
      ".#....#.",
      ".#....#.",
      ".#....#.",
      ".######.",
      ".#....#.",
      ".#....#.",
      ".#....#.",
      "........",
      "........",
      "........",
    ]);
    const out = new Uint32Array(8);
    screen.readRgb({ x: 0, y: 9, width: 8, height: 1 }, out);
    expect([...out]).toEqual([0, ...Array(6).fill(VGA_PALETTE[TextColour.white]), 0]);
  });

  it("shows the cursor as an underline where the next character goes", () => {
    const screen = new TextScreen();
    screen.write("ab");
    expect(screen.cursor).toEqual({ row: 0, col: 2 });
    expect(cellPicture(screen, 0, 2).slice(13)).toEqual(["........", "########", "########"]);
    screen.cursorVisible = false;
    expect(cellPicture(screen, 0, 2).every((line) => line === "........")).toBe(true);
  });

  it("wraps long lines, scrolls at the bottom and erases backwards", () => {
    const screen = new TextScreen(10, 3);
    screen.write("0123456789abc\nline two\nthree");
    expect(screen.lines()).toEqual(["abc", "line two", "three"]);
    expect(screen.eraseBack()).toBe(true);
    expect(screen.lines()[2]).toBe("thre");
    screen.write("\r");
    expect(screen.eraseBack()).toBe(false);
    screen.write("é~");
    expect(screen.lines()[2]).toBe("?~re");
  });

  it("reports each band of changed rows once per turn of the event loop", async () => {
    const screen = new TextScreen();
    const damage: Rect[] = [];
    screen.onDamage((rect) => damage.push(rect));
    screen.write("first line\nsecond");
    screen.write(" line");
    await nextTick();
    expect(damage).toEqual([{ x: 0, y: 0, width: 640, height: 32 }]);
    damage.length = 0;
    screen.write("\n\n\nfifth");
    await nextTick();
    expect(damage).toEqual([{ x: 0, y: 16, width: 640, height: 64 }]);
    damage.length = 0;
    screen.clear();
    await nextTick();
    expect(damage).toEqual([{ x: 0, y: 0, width: 640, height: 400 }]);
  });
});
