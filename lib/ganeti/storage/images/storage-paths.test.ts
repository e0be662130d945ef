import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileStoragePathError } from "../../errors";
import { checkStoragePath, checkStorageRoot, rootOf } from "./storage-paths";

describe("storage roots", () => {
  it("accepts a normal absolute directory and drops a trailing slash", () => {
    expect(checkStorageRoot("/srv/ganeti/file-storage/")).toBe("/srv/ganeti/file-storage");
  });

  it.each(["/etc/ganeti", "/usr/lib/images", "/home", "/dev/shm", "/", "/usr/local/sbin/x"])("refuses the system directory %s", (root) => {
    expect(() => checkStorageRoot(root)).toThrow(/forbidden prefix/);
  });

  it("refuses relative roots and roots written with ..", () => {
    expect(() => checkStorageRoot("srv/images")).toThrow(/must be absolute/);
    expect(() => checkStorageRoot("/srv/../etc")).toThrow(/contains '\.' or '\.\.'/);
  });
});

describe("paths below the roots, as written", () => {
  const roots = ["/srv/ganeti/file-storage", "/srv/ganeti/shared-file-storage"];

  it("names the root a disk path lies under", () => {
    expect(rootOf(roots, "/srv/ganeti/shared-file-storage/vm1/u.sharedfile.disk0")).toBe("/srv/ganeti/shared-file-storage");
  });

  it("refuses a path outside every root, saying which roots are allowed", () => {
    expect(() => rootOf(roots, "/srv/ganeti/file-storage-other/vm1/disk0")).toThrow(
      "Path '/srv/ganeti/file-storage-other/vm1/disk0' is not acceptable for file storage: it must be below '/srv/ganeti/file-storage' or '/srv/ganeti/shared-file-storage'",
    );
    expect(() => rootOf(roots, "/srv/ganeti/file-storage")).toThrow(FileStoragePathError);
    expect(() => rootOf([], "/srv/x")).toThrow(/none is configured/);
  });

  it("refuses .. even when it would land back inside", () => {
    expect(() => rootOf(roots, "/srv/ganeti/file-storage/vm1/../../../etc/passwd")).toThrow(/contains '\.' or '\.\.'/);
    expect(() => rootOf(roots, "/srv/ganeti/file-storage/vm1/../vm2/disk0")).toThrow(/contains '\.' or '\.\.'/);
    expect(() => rootOf(roots, "vm1/disk0")).toThrow(/must be absolute/);
  });
});

describe("paths below the roots, as they resolve on disk", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "storage-paths-"));
  const root = path.join(base, "file-storage");
  const outside = path.join(base, "elsewhere");
  fs.mkdirSync(path.join(root, "vm1"), { recursive: true });
  fs.mkdirSync(outside);
  fs.symlinkSync(outside, path.join(root, "escape"));
  fs.symlinkSync(path.join(root, "vm1"), path.join(root, "alias"));
  fs.writeFileSync(path.join(outside, "secret"), "x");
  fs.symlinkSync(path.join(outside, "secret"), path.join(root, "vm1", "disk-link"));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it("accepts a path whose directories do not exist yet", async () => {
    await expect(checkStoragePath([root], path.join(root, "vm2", "u.file.disk0"))).resolves.toBe(root);
  });

  it("refuses a directory symlink that leads out of the root", async () => {
    await expect(checkStoragePath([root], path.join(root, "escape", "u.file.disk0"))).rejects.toThrow(/leads out of the storage directory .* through a symlink/);
    await expect(checkStoragePath([root], path.join(root, "escape", "new", "u.file.disk0"))).rejects.toThrow(FileStoragePathError);
  });

  it("refuses a file symlink that leads out, and accepts one that stays inside", async () => {
    await expect(checkStoragePath([root], path.join(root, "vm1", "disk-link"))).rejects.toThrow(/resolves to '.*elsewhere\/secret'/);
    await expect(checkStoragePath([root], path.join(root, "alias", "u.file.disk0"))).resolves.toBe(root);
  });

  it("says to create a root that is missing", async () => {
    const missing = path.join(base, "not-made");
    await expect(checkStoragePath([missing], path.join(missing, "vm1", "d"))).rejects.toThrow(`Storage directory '${missing}' does not exist on this node: create it (mkdir -p ${missing})`);
  });
});
