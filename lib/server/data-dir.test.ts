import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { loadOrCreateAuthSecret } from "@/lib/server/auth-secret";
import { ensureWritableDir } from "@/lib/server/data-dir";

const dirs: string[] = [];
const temp = () => {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("ensureWritableDir", () => {
  it("creates a missing data directory, private to this user", () => {
    const dir = path.join(temp(), "nested", "data");
    ensureWritableDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("says which variable to fix when the directory cannot exist", () => {
    const file = path.join(temp(), "a-file");
    fs.writeFileSync(file, "");
    expect(() => ensureWritableDir(path.join(file, "data"))).toThrow(
      new RegExp(`^GANTRY_DATA_DIR ${file}/data cannot be created \\(ENOTDIR\\); point GANTRY_DATA_DIR at a directory this user can write\\.$`),
    );
  });
});

describe("loadOrCreateAuthSecret", () => {
  it("generates a secret once, keeps it private, and reuses it", () => {
    const dir = temp();
    const first = loadOrCreateAuthSecret(dir);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(43);
    expect(fs.statSync(path.join(dir, "nextauth-secret")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAuthSecret(dir)).toEqual({ secret: first.secret, created: false });
  });
});
