import { describe, expect, it } from "vitest";
import { formatUnit, parseUnit } from "./units";

describe("parseUnit (Ganeti's ParseUnit)", () => {
  it("reads MiB by default and M, G, T suffixes in any case, rounding up to a multiple of 4", () => {
    expect(parseUnit("512")).toBe(512);
    expect(parseUnit(513)).toBe(516);
    expect(parseUnit("10G")).toBe(10240);
    expect(parseUnit("1.5g")).toBe(1536);
    expect(parseUnit("1T")).toBe(1048576);
    expect(parseUnit("100MiB")).toBe(100);
    expect(parseUnit("0.1")).toBe(4);
  });

  it("says what is wrong with a bad size", () => {
    expect(() => parseUnit("12Q")).toThrow('Unknown unit "Q" in "12Q": use M, G or T');
    expect(() => parseUnit("ten")).toThrow(/Invalid size "ten": use a number with an optional unit/);
    expect(() => parseUnit("1.2.3G")).toThrow(/Invalid size/);
  });
});

describe("formatUnit", () => {
  it("prints sizes as Ganeti's lists do", () => {
    expect(formatUnit(128)).toBe("128M");
    expect(formatUnit(10240)).toBe("10.0G");
    expect(formatUnit(1048576)).toBe("1.0T");
  });
});
