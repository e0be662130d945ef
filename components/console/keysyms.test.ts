import { describe, expect, it } from "vitest";
import { keysymsOf } from "./keysyms";

describe("keysymsOf", () => {
  it("types letters, digits and punctuation as their Latin-1 codes and a line end as Return", () => {
    expect(keysymsOf("ls -l\n")).toEqual([0x6c, 0x73, 0x20, 0x2d, 0x6c, 0xff0d]);
    expect(keysymsOf("a\r\nb")).toEqual([0x61, 0xff0d, 0x62]);
  });

  it("types other Unicode characters with X11's 0x01000000 offset and leaves out control characters", () => {
    expect(keysymsOf("é€")).toEqual([0xe9, 0x010020ac]);
    expect(keysymsOf("a\u0007b")).toEqual([0x61, 0x62]);
  });
});
