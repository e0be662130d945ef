import { describe, expect, it } from "vitest";
import { matchNameComponent } from "./names";

describe("matchNameComponent", () => {
  const names = ["inst1.example.org", "inst10.example.org", "web.a.org", "web.b.org"];
  it("finds exact names and unique first components, case-insensitively", () => {
    expect(matchNameComponent("inst1.example.org", names)).toEqual({ kind: "found", name: "inst1.example.org" });
    expect(matchNameComponent("INST1", names)).toEqual({ kind: "found", name: "inst1.example.org" });
    expect(matchNameComponent("inst10", names)).toEqual({ kind: "found", name: "inst10.example.org" });
  });
  it("reports ambiguity and absence", () => {
    expect(matchNameComponent("web", names)).toEqual({ kind: "ambiguous", candidates: ["web.a.org", "web.b.org"] });
    expect(matchNameComponent("inst", names)).toEqual({ kind: "none" });
  });
});
