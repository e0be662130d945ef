import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, redact } from "@/lib/db/database-url";

describe("parseDatabaseUrl", () => {
  it("accepts SQLite file URLs, relative to the working directory or absolute", () => {
    expect(parseDatabaseUrl("file:./data/gantry.db", "/srv/app")).toEqual({ provider: "sqlite", file: "/srv/app/data/gantry.db" });
    expect(parseDatabaseUrl("file:/var/lib/gantry/g.db")).toEqual({ provider: "sqlite", file: "/var/lib/gantry/g.db" });
    expect(parseDatabaseUrl("file:///var/lib/gantry/g.db?connection_limit=1")).toEqual({ provider: "sqlite", file: "/var/lib/gantry/g.db" });
  });

  it("says what to write instead of an unsupported or malformed URL", () => {
    expect(() => parseDatabaseUrl("postgresql://gantry:s3cret@db/gantry")).toThrow(
      /PostgreSQL is not supported yet; use a SQLite URL such as file:\.\/data\/gantry\.db \(got postgresql:\/\/gantry:\*\*\*@db\/gantry\)/,
    );
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/DATABASE_URL must be a SQLite URL/);
    expect(() => parseDatabaseUrl("gantry.db")).toThrow(/DATABASE_URL must be a SQLite URL/);
    expect(() => parseDatabaseUrl("file:")).toThrow(/must name a database file/);
    expect(() => parseDatabaseUrl("file::memory:")).toThrow(/must name a database file/);
  });

  it("never puts a password into a message", () => {
    expect(redact("postgres://u:pw@h/db")).toBe("postgres://u:***@h/db");
  });
});
