import { describe, expect, it } from "vitest";
import { parseSimulation } from "../backends/simulate";
import { HtoolsInputError } from "../types";
import { printfFixed } from "./printf";
import { instFromSpec, parseISpecString, parseUnit, specOf } from "./rspec";

describe("hspace specs", () => {
  it("reads sizes in Ganeti's units (lower case binary, upper case decimal)", () => {
    expect(parseUnit("64g")).toBe(65536);
    expect(parseUnit("8T")).toBe(7629394);
    expect(parseUnit("1T")).toBe(953674);
    expect(parseUnit("500")).toBe(500);
    expect(parseUnit("2GiB")).toBe(2048);
    expect(() => parseUnit("5x")).toThrow("Unknown unit 'x'");
  });

  it("parses --standard-alloc / --tiered-alloc as disk,ram,cpu[,spindles]", () => {
    expect(parseISpecString("standard", "10240,1024,2")).toEqual({ dsk: 10240, mem: 1024, cpu: 2, spn: 1 });
    expect(parseISpecString("tiered", "1t,64g,8,4")).toEqual({ dsk: 1048576, mem: 65536, cpu: 8, spn: 4 });
    expect(() => parseISpecString("standard", "1,2")).toThrow("Invalid standard specification: '1,2', expected disk,ram,cpu");
  });

  it("builds the instance hspace places and reads its spec back", () => {
    const i = instFromSpec({ cpu: 4, mem: 1024, dsk: 2048, spn: 3 }, "drbd", 1);
    expect(i.name).toBe("new");
    expect(specOf(i)).toEqual({ cpu: 4, mem: 1024, dsk: 2048, spn: 3 });
  });

  it("formats like GHC's printf, halves to even on the shortest digits", () => {
    expect(printfFixed(15.625, 2)).toBe("15.62");
    expect(printfFixed(3.13, 2)).toBe("3.13");
    expect(printfFixed(0.12304688, 8)).toBe("0.12304688");
    expect(printfFixed(99.999, 2)).toBe("100.00");
    expect(printfFixed(1048576, 0)).toBe("1048576");
  });
});

describe("--simulate backend", () => {
  it("creates groups of identical empty nodes, the first node of the first group being the master", () => {
    const data = parseSimulation(["p,3,1T,16g,8", "a,2,2T,32g,4,2"]);
    expect(data.groups.map((g) => [g.name, g.uuid, g.allocPolicy])).toEqual([
      ["group-01", "fake-uuid-01", "preferred"],
      ["group-02", "fake-uuid-02", "last_resort"],
    ]);
    expect(data.nodes.map((n) => n.name)).toEqual(["node-01-001", "node-01-002", "node-01-003", "node-02-001", "node-02-002"]);
    expect(data.nodes.map((n) => n.isMaster)).toEqual([true, false, false, false, false]);
    const n = data.nodes[3]!;
    expect([n.tMem, n.nMem, n.fMem, n.tDsk, n.fDsk, n.tCpu, n.nCpu, n.tSpindles, n.fSpindles, n.group]).toEqual([32768, 0, 32768, 1907348, 1907348, 4, 1, 2, 0, 1]);
  });

  it("refuses malformed specifications with Ganeti's messages", () => {
    expect(() => parseSimulation(["p,x,1,1,1"])).toThrow(new HtoolsInputError("node count: cannot parse string 'x'"));
    expect(() => parseSimulation(["z,1,1,1,1"])).toThrow("Cannot parse AllocPolicy abbreviation 'z'");
    expect(() => parseSimulation(["p,1,1"])).toThrow(/expected 6 comma-separated sections .* but got 3: 'p,1,1'/);
  });
});
