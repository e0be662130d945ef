// The idle timeout counts a person's input only: noVNC's own screen-update requests and settings are not input, keys,
// pointer moves, pastes and QEMU key events are — however the browser's bytes are cut into WebSocket messages.
import { describe, expect, it } from "vitest";
import { ClientInputScanner } from "./client-input-scanner";

const bytes = (...parts: number[][]) => Buffer.from(parts.flat());
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const s32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return [...b];
};

const setPixelFormat = [0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0];
const setEncodings = [2, 0, ...u16(3), 0, 0, 0, 0, 0, 0, 0, 1, 255, 255, 255, 33];
const updateRequest = [3, 1, 0, 0, 0, 0, 3, 32, 2, 88];
const fence = [248, 0, 0, 0, 0, 0, 0, 3, 4, 9, 9, 9, 9];
const continuousUpdates = [150, 1, 0, 0, 0, 0, 3, 32, 2, 88];
const setDesktopSize = [251, 0, ...u16(1024), ...u16(768), 1, 0, ...new Array<number>(16).fill(7)];
const key = [4, 1, 0, 0, 0, 0, 0, 97];
const pointer = [5, 0, 0, 10, 0, 20];
const paste = [6, 0, 0, 0, ...s32(5), ...Buffer.from("hello")];
const extendedPaste = [6, 0, 0, 0, ...s32(-6), 0, 0, 0, 1, 0, 0];
const qemuKey = [255, 0, 0, 1, 0, 0, 0, 97, 0, 0, 0, 30];

/** Feeds the stream cut into pieces of `size` bytes; true if any piece was reported as input. */
function sawInput(stream: Buffer, size: number): boolean {
  const scanner = new ClientInputScanner();
  let input = false;
  for (let at = 0; at < stream.length; at += size) input = scanner.scan(stream.subarray(at, at + size)) || input;
  return input;
}

describe("the browser's input", () => {
  const quiet = bytes(setPixelFormat, setEncodings, updateRequest, fence, continuousUpdates, setDesktopSize, updateRequest, updateRequest);

  it("is not what noVNC sends by itself (settings, update requests, fences), cut anywhere", () => {
    for (const size of [1, 2, 3, 7, 64, quiet.length]) expect(sawInput(quiet, size), `pieces of ${size}`).toBe(false);
  });

  it("is a key, a pointer event, a paste (plain or extended clipboard), a QEMU key event, cut anywhere", () => {
    for (const message of [key, pointer, paste, extendedPaste, qemuKey]) {
      const stream = bytes([...quiet], message, updateRequest);
      for (const size of [1, 3, 5, stream.length]) expect(sawInput(stream, size), `${message[0]} in pieces of ${size}`).toBe(true);
    }
  });

  it("is reported with the piece that holds it, not before and not after", () => {
    const scanner = new ClientInputScanner();
    expect(scanner.scan(bytes(updateRequest, key.slice(0, 3)))).toBe(false);
    expect(scanner.scan(bytes(key.slice(3), updateRequest))).toBe(true);
    expect(scanner.scan(bytes(updateRequest))).toBe(false);
  });

  it("is assumed in every byte once a message is unknown, so a console is never closed for idleness by mistake", () => {
    const scanner = new ClientInputScanner();
    expect(scanner.scan(bytes(updateRequest, [200, 1, 2]))).toBe(true);
    expect(scanner.scan(bytes(updateRequest))).toBe(true);
  });
});
