// Test support: what a guest's screen shows, asked of QEMU itself over QMP — the VGA text screen from guest memory, and
// the rendered picture (`screendump`) — to check that a console shows that screen and not something else.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { QmpClient } from "../qmp-client";

/** VGA text mode: 80x25 cells at 0xb8000, each a character byte then an attribute byte. */
const COLUMNS = 80;
const ROWS = 25;

/** The guest's VGA text screen, one string per row (trailing blanks removed). */
export async function readTextScreen(qmp: QmpClient): Promise<string[]> {
  const dump = await qmp.execute<string>("human-monitor-command", { "command-line": `xp /${COLUMNS * ROWS * 2}bx 0xb8000` });
  // Lines such as "00000000000b8000: 0x53 0x07 0x65 0x07 …".
  const bytes = dump.split("\n").flatMap((line) => line.split(":")[1]?.trim().split(/\s+/).filter(Boolean).map((hex) => Number.parseInt(hex, 16)) ?? []);
  // A cell never written holds NUL, which shows as a blank.
  const characters = String.fromCharCode(...bytes.filter((_, i) => i % 2 === 0).map((code) => code || 0x20));
  return Array.from({ length: ROWS }, (_, row) => characters.slice(row * COLUMNS, (row + 1) * COLUMNS).trimEnd());
}

export type RgbPicture = { width: number; height: number; rgb: Buffer };

/** The picture QEMU shows on the guest's display (its `screendump`, a binary PPM), as RGB bytes. */
export async function screendump(qmp: QmpClient): Promise<RgbPicture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "screendump-"));
  const file = path.join(dir, "screen.ppm");
  try {
    await qmp.execute("screendump", { filename: file });
    return parsePpm(fs.readFileSync(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary PPM (P6, maxval 255): "P6 WIDTH HEIGHT 255" separated by whitespace, then the RGB bytes. */
export function parsePpm(file: Buffer): RgbPicture {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error(`not a binary PPM with maxval 255: ${JSON.stringify(file.subarray(0, 16).toString("latin1"))}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const rgb = file.subarray(header[0].length, header[0].length + width * height * 3);
  if (rgb.length !== width * height * 3) throw new Error(`PPM of ${width}x${height} holds ${rgb.length} of ${width * height * 3} bytes`);
  return { width, height, rgb };
}
