import { describe, expect, it } from "vitest";
import { masterdSettings } from "./settings";

describe("masterd settings: the RAPI listener", () => {
  it("defaults to HTTPS on 127.0.0.1:5080 with anonymous reads", () => {
    expect(masterdSettings({ GANTRY_STATE_DIR: "/tmp/x" }).rapi).toEqual({
      port: 5080,
      bind: "127.0.0.1",
      tls: true,
      requireAuth: false,
      loginFailures: 10,
      loginLockSeconds: 300,
    });
  });

  it("reads port 0 (off), yes/no flags in any case, and refuses bad values in one line", () => {
    const rapi = masterdSettings({ GANTRY_RAPI_PORT: "0", GANTRY_RAPI_TLS: "No", GANTRY_RAPI_REQUIRE_AUTH: "TRUE", GANTRY_RAPI_BIND: "0.0.0.0" }).rapi;
    expect(rapi).toMatchObject({ port: 0, tls: false, requireAuth: true, bind: "0.0.0.0" });
    expect(() => masterdSettings({ GANTRY_RAPI_PORT: "70000" })).toThrow(/^GANTRY_RAPI_PORT: /);
    expect(() => masterdSettings({ GANTRY_RAPI_TLS: "maybe" })).toThrow(/^GANTRY_RAPI_TLS: use 1 or 0/);
  });
});

describe("masterd settings: the fake instances' VNC consoles", () => {
  it("listen on 127.0.0.1 unless GANTRY_VNC_BIND names another address, which must be an IP address", () => {
    expect(masterdSettings({}).virtual.vncBind).toBe("127.0.0.1");
    expect(masterdSettings({ GANTRY_VNC_BIND: "0.0.0.0" }).virtual.vncBind).toBe("0.0.0.0");
    expect(masterdSettings({ GANTRY_VNC_BIND: "::1" }).virtual.vncBind).toBe("::1");
    expect(() => masterdSettings({ GANTRY_VNC_BIND: "node1.example.org" })).toThrow(/^GANTRY_VNC_BIND: give an IP address/);
  });
});
