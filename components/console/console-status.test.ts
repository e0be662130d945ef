import { describe, expect, it } from "vitest";
import { closeMessage } from "./console-status";

describe("closeMessage", () => {
  it("shows the proxy's reason as it is", () => {
    expect(closeMessage(4001, "This console link has expired: open the console again.", false)).toEqual({ message: "This console link has expired: open the console again.", problem: true });
  });

  it("says a lost connection is a problem and a normal end is not", () => {
    expect(closeMessage(1006, "", false).problem).toBe(true);
    expect(closeMessage(1000, "", true)).toEqual({ message: "The console session ended.", problem: false });
  });
});
