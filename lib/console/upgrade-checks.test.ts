// The console's Origin check: Gantry's own pages only — the public URL's origin (behind a reverse proxy the request's
// Host may differ) or the very host the request was sent to; never a page elsewhere, nor a request without Origin.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { originAllowed } from "./upgrade-checks";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("the console's Origin check", () => {
  it("lets in the public URL's origin and the request's own host", () => {
    expect(originAllowed(request({ origin: "https://vm.example.org", host: "10.0.0.5:3000" }), "https://vm.example.org")).toBe(true);
    expect(originAllowed(request({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), "http://localhost:3000")).toBe(true);
    expect(originAllowed(request({ origin: "http://[::1]:3000", host: "[::1]:3000" }), "http://localhost:3000")).toBe(true);
  });

  it("refuses other sites, other ports, opaque origins and requests without an Origin", () => {
    const publicUrl = "https://vm.example.org";
    expect(originAllowed(request({ origin: "https://evil.example", host: "vm.example.org" }), publicUrl)).toBe(false);
    expect(originAllowed(request({ origin: "https://vm.example.org:8443", host: "vm.example.org" }), publicUrl)).toBe(false);
    expect(originAllowed(request({ origin: "http://vm.example.org.evil.example", host: "vm.example.org" }), publicUrl)).toBe(false);
    expect(originAllowed(request({ origin: "null", host: "vm.example.org" }), publicUrl)).toBe(false);
    expect(originAllowed(request({ host: "vm.example.org" }), publicUrl)).toBe(false);
  });
});
