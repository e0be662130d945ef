import path from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { loadServerConfig, type Env } from "@/lib/server/config";

const messageOf = (env: Env) => {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (isAppError(error, "config_invalid")) return error.message;
    throw error;
  }
  throw new Error("expected a configuration error");
};

describe("loadServerConfig", () => {
  it("works on a laptop with nothing set", () => {
    const config = loadServerConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve("./data"));
    expect(config.databaseUrl).toBe(`file:${path.resolve("./data/gantry.db")}`);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.initialAdmin).toEqual({ email: "admin@gantry.local", password: undefined });
    expect(config.signInThrottle).toEqual({ delayAfter: 3, accountLockAfter: 10, addressLockAfter: 50, lockMinutes: 15 });
    expect(config.console).toEqual({ tokenSeconds: 30, idleMinutes: 15, maxHours: 8, maxPerUser: 3, recheckSeconds: 5 });
  });

  it("derives the database and public URL from the data directory and port", () => {
    const config = loadServerConfig({ GANTRY_DATA_DIR: "/srv/gantry", PORT: "8080", NEXTAUTH_URL: "https://vm.example.org/" });
    expect(config.databaseUrl).toBe("file:/srv/gantry/gantry.db");
    expect(config.publicUrl).toBe("https://vm.example.org");
    expect(config.port).toBe(8080);
  });

  it("names the variable and the fix for bad values", () => {
    expect(messageOf({ PORT: "http" })).toMatch(/^PORT must be a whole number \(got "http"\)/);
    expect(messageOf({ PORT: "70000" })).toMatch(/^PORT must be at most 65535/);
    expect(messageOf({ GANTRY_ADMIN_EMAIL: "root" })).toMatch(/^GANTRY_ADMIN_EMAIL must be an e-mail address/);
    expect(messageOf({ GANTRY_ADMIN_PASSWORD: "short" })).toMatch(/^GANTRY_ADMIN_PASSWORD must be at least 8 characters/);
    expect(messageOf({ NEXTAUTH_SECRET: "too-short" })).toMatch(/^NEXTAUTH_SECRET must be at least 32 characters/);
    expect(messageOf({ GANTRY_SECRET_KEY: "not-a-key" })).toMatch(/^GANTRY_SECRET_KEY must be 32 random bytes/);
    expect(messageOf({ NEXTAUTH_URL: "localhost" })).toMatch(/^NEXTAUTH_URL must be an absolute URL/);
    expect(messageOf({ GANTRY_TRUST_PROXY: "maybe" })).toMatch(/^GANTRY_TRUST_PROXY must be one of 0, 1, true/);
    expect(messageOf({ GANTRY_CONSOLE_TOKEN_SECONDS: "2" })).toMatch(/^GANTRY_CONSOLE_TOKEN_SECONDS must be at least 5/);
    expect(messageOf({ GANTRY_CONSOLE_MAX_PER_USER: "0" })).toMatch(/^GANTRY_CONSOLE_MAX_PER_USER must be at least 1/);
  });

  it("treats an empty variable as unset", () => {
    expect(loadServerConfig({ PORT: "", GANTRY_ADMIN_PASSWORD: "" })).toMatchObject({ port: 3000, initialAdmin: { password: undefined } });
  });

  it("lower-cases the administrator's e-mail, as sign-in does", () => {
    expect(loadServerConfig({ GANTRY_ADMIN_EMAIL: "Ops@Example.ORG" }).initialAdmin.email).toBe("ops@example.org");
  });
});
